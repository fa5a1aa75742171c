import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DeliveryAttempt } from './delivery-attempt';
import { WebhookUrlPolicy } from './webhook-url-policy';
import { WEBHOOK_WORKER_OPTIONS, type WebhookWorkerOptions } from './webhook-worker.options';

interface ClaimedRow {
  deliveryId: string;
  tenantId: string;
}

/**
 * Polls for due deliveries and works through them with bounded concurrency. Claiming is the
 * one cross-tenant step (a SECURITY DEFINER function that returns ids only); everything else
 * happens in each row's tenant context under row-level security.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookWorker.name);
  /** Rows claimed and not yet recorded, in this process. */
  private inFlight = 0;
  private readonly batches = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private polling: Promise<void> | undefined;
  private pollAgain = false;

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
    await Promise.allSettled(this.batches);
  }

  /** Claims and starts what is due now; resolves when those deliveries are recorded (tests, bench). */
  async runOnce(): Promise<number> {
    const claimed = await this.claim(this.options.concurrency - this.inFlight);
    await Promise.allSettled(this.launchAll(claimed));
    return claimed.length;
  }

  /** Polls after `delayMs`; asked again while a poll runs, polls once more right after it. */
  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.polling = this.poll().then((busy) => {
        this.polling = undefined;
        const again = busy || this.pollAgain;
        this.pollAgain = false;
        this.schedule(again ? 0 : this.options.pollIntervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Claims what is due and free slots allow; true when it filled them all (more may be due). */
  private async poll(): Promise<boolean> {
    try {
      const free = this.options.concurrency - this.inFlight;
      if (free <= 0) return false;
      const claimed = await this.claim(free);
      this.launchAll(claimed);
      return claimed.length === free;
    } catch (error) {
      this.logger.warn(`could not claim webhook deliveries: ${(error as Error).message}`);
      return false;
    }
  }

  /** One batch per tenant: each is read in its own tenant transaction. */
  private launchAll(claimed: ClaimedRow[]): Promise<void>[] {
    const byTenant = new Map<string, string[]>();
    for (const row of claimed) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row.deliveryId]);
    return [...byTenant].map(([tenantId, deliveryIds]) => this.launch(tenantId, deliveryIds));
  }

  private launch(tenantId: string, deliveryIds: string[]): Promise<void> {
    this.inFlight += deliveryIds.length;
    const work = this.attempt
      .run(tenantId, deliveryIds)
      .catch((error: unknown) => this.logger.warn(`webhook deliveries failed: ${(error as Error).message}`))
      .finally(() => {
        this.batches.delete(work);
        this.inFlight -= deliveryIds.length;
        // Freed slots may let the next due deliveries go at once.
        if (this.running) this.schedule(0);
      });
    this.batches.add(work);
    return work;
  }

  private async claim(limit: number): Promise<ClaimedRow[]> {
    if (limit <= 0) return [];
    const rows = (await this.dataSource.query(
      'SELECT delivery_id, tenant_id FROM wardline_claim_webhook_deliveries($1, $2, $3, $4)',
      [this.options.clock().toISOString(), limit, this.options.perEndpoint, this.options.leaseSeconds],
    )) as { delivery_id: string; tenant_id: string }[];
    return rows.map((row) => ({ deliveryId: row.delivery_id, tenantId: row.tenant_id }));
  }
}
