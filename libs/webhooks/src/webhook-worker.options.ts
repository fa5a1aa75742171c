export interface WebhookWorkerOptions {
  /** How often an idle worker looks for due deliveries. */
  pollIntervalMs: number;
  /** Deliveries in flight in this process at once. */
  concurrency: number;
  /** Deliveries in flight to one endpoint at once, across all workers. */
  perEndpoint: number;
  /** How long a claim holds a row; after it a killed worker's rows are taken by another. */
  leaseSeconds: number;
  /** The worker's clock: what is due and when to retry (tests move it forward). */
  clock: () => Date;
  /** Start polling when the application starts (tests may start it by hand). */
  autoStart: boolean;
}

export const DEFAULT_WEBHOOK_WORKER_OPTIONS: WebhookWorkerOptions = {
  pollIntervalMs: 200,
  concurrency: 32,
  perEndpoint: 4,
  leaseSeconds: 60,
  clock: () => new Date(),
  autoStart: true,
};

export const WEBHOOK_WORKER_OPTIONS = Symbol('wardline.webhook-worker-options');
