import { Injectable } from '@nestjs/common';
import { AppConfig } from '@wardline/common';

/**
 * Counts the heavy work (exports, searches, reports) each tenant has running in this process
 * and refuses more than `heavyWorkPerTenant` at once, so one council cannot take the whole
 * connection pool.
 */
@Injectable()
export class HeavyWorkLimiter {
  private readonly running = new Map<string, number>();

  constructor(private readonly config: AppConfig) {}

  get limit(): number {
    return this.config.heavyWorkPerTenant;
  }

  /** A slot for `tenantId`, or `undefined` when it is at its limit; call the result once to free it. */
  tryAcquire(tenantId: string): (() => void) | undefined {
    const count = this.running.get(tenantId) ?? 0;
    if (count >= this.limit) return undefined;
    this.running.set(tenantId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(tenantId) ?? 1) - 1;
      if (left > 0) this.running.set(tenantId, left);
      else this.running.delete(tenantId);
    };
  }
}
