import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RetentionService } from '@wardline/operations';
import { ActorContext, systemActor } from '@wardline/tenancy';

/** Retention is a matter of months: an hourly pass is plenty, and the first waits for start-up to settle. */
const FIRST_RUN_AFTER_MS = 60_000;
const EVERY_MS = 3_600_000;
const RETENTION_ACTOR = systemActor('retention');

/** Runs retention for every council that has it switched on, hourly, as the system actor. */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionJob.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly retention: RetentionService,
    private readonly actors: ActorContext,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(FIRST_RUN_AFTER_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        if (this.timer) this.schedule(EVERY_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** One pass over the councils with retention on; a council that fails is logged and retried next pass. */
  async runOnce(): Promise<number> {
    return this.runFor(await this.retention.tenantsWithRetention());
  }

  /** Retention for these councils, one after another; returns the cases anonymised. */
  async runFor(tenantIds: readonly string[]): Promise<number> {
    let anonymised = 0;
    for (const tenantId of tenantIds) {
      try {
        const result = await this.actors.run(RETENTION_ACTOR, () => this.retention.runFor(tenantId));
        anonymised += result.anonymisedCases;
      } catch (error) {
        this.logger.warn(`retention failed for tenant ${tenantId}: ${(error as Error).message}`);
      }
    }
    return anonymised;
  }
}
