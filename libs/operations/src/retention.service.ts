import { Injectable } from '@nestjs/common';
import { TenantsService } from '@wardline/accounts';
import { ResidentAnonymiser } from '@wardline/casework';
import { ChangeRecorder } from '@wardline/changes';
import { Tenant } from '@wardline/database';
import { TenantTransaction } from '@wardline/tenancy';

/** Cases anonymised per transaction: a crash loses at most one batch's work, and the next run resumes. */
export const RETENTION_BATCH = 200;

export interface RetentionRunOptions {
  dryRun?: boolean;
  /** The moment the cut-off counts back from (tests pin it). */
  now?: Date;
  batchSize?: number;
}

export interface RetentionRunResult {
  tenant: string;
  /** The tenant's `retention.anonymiseClosedCasesAfterMonths`; null: retention is off. */
  months: number | null;
  /** Cases closed before this moment are due. */
  cutoff: string | null;
  dryRun: boolean;
  /** Closed cases past the cut-off not yet anonymised, when the run began. */
  dueCases: number;
  anonymisedCases: number;
  timelineEntries: number;
}

const DUE_WHERE = `tenant_id = $1 AND status = 'closed' AND closed_at < $2 AND anonymised_at IS NULL`;

/**
 * Retention: anonymises (by the one rule erasure uses too) a tenant's cases closed longer ago
 * than its `anonymiseClosedCasesAfterMonths`, counted in the tenant's time zone. Batched, each
 * batch its own transaction; already anonymised cases are skipped, so a run is idempotent and
 * resumes where a crashed one stopped. A run that anonymises something records one audit entry
 * `retention.applied` with its counts; a dry run only counts.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly transaction: TenantTransaction,
    private readonly anonymiser: ResidentAnonymiser,
    private readonly recorder: ChangeRecorder,
  ) {}

  /** The ids of the tenants with retention switched on (for the worker, which sees no tenant by itself). */
  async tenantsWithRetention(): Promise<string[]> {
    const rows = (await this.transaction.dataSource.query(`SELECT tenant_id FROM wardline_retention_tenants()`)) as {
      tenant_id: string;
    }[];
    return rows.map((row) => row.tenant_id);
  }

  /** For an operator, who names the tenant by id or slug. */
  async run(idOrSlug: string, options: RetentionRunOptions = {}): Promise<RetentionRunResult> {
    return this.runFor((await this.tenants.require(idOrSlug)).id, options);
  }

  /** Retention for one tenant, read in its own context (row-level security lets the worker see only it). */
  async runFor(tenantId: string, options: RetentionRunOptions = {}): Promise<RetentionRunResult> {
    const tenant = await this.transaction.runFor(tenantId, () =>
      this.transaction.manager.getRepository(Tenant).findOneByOrFail({ id: tenantId }),
    );
    const months = tenant.anonymiseClosedCasesAfterMonths;
    const dryRun = options.dryRun ?? false;
    const result: RetentionRunResult = {
      tenant: tenant.slug,
      months,
      cutoff: null,
      dryRun,
      dueCases: 0,
      anonymisedCases: 0,
      timelineEntries: 0,
    };
    if (months === null) return result;

    const { cutoff, due } = await this.transaction.runFor(tenant.id, async () => {
      const manager = this.transaction.manager;
      const [row] = (await manager.query(
        `SELECT (($1::timestamptz AT TIME ZONE $2) - make_interval(months => $3)) AT TIME ZONE $2 AS cutoff`,
        [options.now ?? new Date(), tenant.timezone, months],
      )) as { cutoff: Date }[];
      const [count] = (await manager.query(`SELECT count(*)::int AS due FROM cases WHERE ${DUE_WHERE}`, [
        tenant.id,
        row.cutoff,
      ])) as { due: number }[];
      return { cutoff: row.cutoff, due: count.due };
    });
    Object.assign(result, { cutoff: cutoff.toISOString(), dueCases: due });
    if (dryRun || due === 0) return result;

    const batchSize = options.batchSize ?? RETENTION_BATCH;
    for (;;) {
      const batch = await this.transaction.runFor(tenant.id, async () => {
        const ids = (
          (await this.transaction.manager.query(
            `SELECT id FROM cases WHERE ${DUE_WHERE} ORDER BY closed_at, id LIMIT $3 FOR UPDATE SKIP LOCKED`,
            [tenant.id, cutoff, batchSize],
          )) as { id: string }[]
        ).map((row) => row.id);
        return this.anonymiser.anonymise(ids);
      });
      result.anonymisedCases += batch.cases;
      result.timelineEntries += batch.timelineEntries;
      if (batch.cases < batchSize) break;
    }
    if (result.anonymisedCases > 0) {
      await this.transaction.runFor(tenant.id, () =>
        this.recorder.record({
          action: 'retention.applied',
          resourceType: 'tenant',
          resourceId: tenant.id,
          after: {
            months,
            cutoff: result.cutoff,
            anonymisedCases: result.anonymisedCases,
            timelineEntries: result.timelineEntries,
          },
        }),
      );
    }
    return result;
  }
}
