import { Injectable, Logger } from '@nestjs/common';
import { ChangeRecorder } from '@wardline/changes';
import { AuditLog } from '@wardline/database';
import { ActorContext, TenantTransaction } from '@wardline/tenancy';
import { MoreThan } from 'typeorm';
import { actorOf, type Principal } from './principal';

const HOUR_MS = 3_600_000;

/**
 * Records a revoked or expired key presented again — at most once per key per hour, however
 * many instances see it — and a key's expiry the first time it is noticed. Runs beside the 401,
 * never in its way: a failure here is logged, not answered.
 */
@Injectable()
export class RetiredKeyRecorder {
  private readonly logger = new Logger(RetiredKeyRecorder.name);
  private readonly recentlyRecorded = new Map<string, number>();

  constructor(
    private readonly transaction: TenantTransaction,
    private readonly actors: ActorContext,
    private readonly recorder: ChangeRecorder,
  ) {}

  notice(principal: Principal, now = new Date()): void {
    const keyId = principal.key.id;
    const last = this.recentlyRecorded.get(keyId);
    if (last !== undefined && now.getTime() - last < HOUR_MS) return;
    this.recentlyRecorded.set(keyId, now.getTime());
    if (this.recentlyRecorded.size > 10_000) this.recentlyRecorded.delete(this.recentlyRecorded.keys().next().value!);
    void this.record(principal, now).catch((error: unknown) =>
      this.logger.warn(`could not record a retired key's use: ${(error as Error).message}`),
    );
  }

  private record(principal: Principal, now: Date): Promise<void> {
    const { key } = principal;
    const revoked = key.revokedAt !== null;
    const action = revoked ? 'api_key.used_after_revocation' : 'api_key.used_after_expiry';
    return this.actors.run(actorOf(principal), () =>
      this.transaction.runFor(principal.tenant.id, async () => {
        const manager = this.transaction.manager;
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`retired-key:${key.id}`]);
        const entries = manager.getRepository(AuditLog);
        const base = { tenantId: principal.tenant.id, resourceType: 'api_key', resourceId: key.id };
        if (!revoked && !(await entries.exists({ where: { ...base, action: 'api_key.expired' } }))) {
          await this.recorder.record({
            action: 'api_key.expired',
            resourceType: 'api_key',
            resourceId: key.id,
            before: null,
            after: { prefix: key.prefix, expiresAt: key.expiresAt?.toISOString() ?? null },
          });
        }
        const since = new Date(now.getTime() - HOUR_MS);
        if (await entries.exists({ where: { ...base, action, occurredAt: MoreThan(since) } })) return;
        await this.recorder.record({
          action,
          resourceType: 'api_key',
          resourceId: key.id,
          before: null,
          after: {
            prefix: key.prefix,
            revokedAt: key.revokedAt?.toISOString() ?? null,
            expiresAt: key.expiresAt?.toISOString() ?? null,
          },
        });
      }),
    );
  }
}
