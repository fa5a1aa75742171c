import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { TenantTransaction } from '@wardline/tenancy';

const FLUSH_INTERVAL_MS = 10_000;

/**
 * Keeps `lastUsedAt` current without a write per request: uses are collected in memory and
 * written every few seconds and at shutdown, one statement per tenant inside that tenant's
 * transaction (the database function touches only the current tenant's keys).
 */
@Injectable()
export class LastUsedRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LastUsedRecorder.name);
  /** tenant id → key id → last use */
  private pending = new Map<string, Map<string, Date>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly transaction: TenantTransaction) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(tenantId: string, keyId: string, at = new Date()): void {
    let keys = this.pending.get(tenantId);
    if (!keys) this.pending.set(tenantId, (keys = new Map()));
    keys.set(keyId, at);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    for (const [tenantId, keys] of batch) {
      try {
        await this.transaction.runFor(tenantId, () =>
          this.transaction.manager.query('SELECT wardline_touch_api_keys($1::uuid[], $2::timestamptz[])', [
            [...keys.keys()],
            [...keys.values()].map((at) => at.toISOString()),
          ]),
        );
      } catch (error) {
        this.logger.warn(`could not record key use: ${(error as Error).message}`);
        for (const [keyId, at] of keys) if (!this.pending.get(tenantId)?.has(keyId)) this.record(tenantId, keyId, at);
      }
    }
  }
}
