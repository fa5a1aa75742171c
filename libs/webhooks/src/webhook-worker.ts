import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type ClaimedDelivery, DeliveryAttempt } from './delivery-attempt';
import { WebhookUrlPolicy } from './webhook-url-policy';
import { WEBHOOK_WORKER_OPTIONS, type WebhookWorkerOptions } from './webhook-worker.options';

/**
 * Polls for due deliveries and works through them with bounded concurrency. Claiming is the
 * one cross-tenant step (a SECURITY DEFINER function that returns ids only); everything else
 * happens in each row's tenant context under row-level security.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookWorker.name);
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private polling: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attempt: DeliveryAttempt,
    private readonly policy: WebhookUrlPolicy,
    @Inject(WEBHOOK_WORKER_OPTIONS) private readonly options: WebhookWorkerOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.autoStart) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
    this.policy.close();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops claiming and waits for the deliveries in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.polling;
    await Promise.allSettled(this.inFlight);
  }

  /** Claims and starts what is due now; resolves when those deliveries are recorded (tests, bench). */
  async runOnce(): Promise<number> {
    const claimed = await this.claim(this.options.concurrency - this.inFlight.size);
    await Promise.allSettled(claimed.map((row) => this.launch(row)));
    return claimed.length;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll().finally(() => (this.polling = undefined));
    }, delayMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    let busy = false;
    try {
      const free = this.options.concurrency - this.inFlight.size;
      if (free > 0) {
        const claimed = await this.claim(free);
        for (const row of claimed) void this.launch(row);
        busy = claimed.length === free;
      }
    } catch (error) {
      this.logger.warn(`could not claim webhook deliveries: ${(error as Error).message}`);
    }
    this.schedule(busy ? 0 : this.options.pollIntervalMs);
  }

  private launch(row: ClaimedDelivery): Promise<void> {
    const work = this.attempt
      .run(row)
      .catch((error: unknown) => this.logger.warn(`delivery ${row.deliveryId} failed: ${(error as Error).message}`))
      .finally(() => {
        this.inFlight.delete(work);
        // A freed slot may let the next due delivery go at once.
        if (this.running && this.inFlight.size === this.options.concurrency - 1) this.schedule(0);
      });
    this.inFlight.add(work);
    return work;
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    if (limit <= 0) return [];
    const rows = (await this.dataSource.query(
      'SELECT delivery_id, tenant_id FROM wardline_claim_webhook_deliveries($1, $2, $3, $4)',
      [this.options.clock().toISOString(), limit, this.options.perEndpoint, this.options.leaseSeconds],
    )) as { delivery_id: string; tenant_id: string }[];
    return rows.map((row) => ({ deliveryId: row.delivery_id, tenantId: row.tenant_id }));
  }
}
