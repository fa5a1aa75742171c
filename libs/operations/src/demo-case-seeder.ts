import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { referenceYearIn, reserveReferences } from '@wardline/casework/case-references';
import { ChangeRecorder } from '@wardline/changes';
import { ApiError } from '@wardline/common';
import { Category, Tenant, User, Ward } from '@wardline/database';
import { TenantTransaction } from '@wardline/tenancy';
import { type DemoCaseContext, DemoCaseFactory } from './demo-case-generator';
import { demoCreationTimes } from './demo-case-times';
import { insertDemoCases } from './demo-case-writer';
import type { SeedProgress } from './seed-progress';
import { seedFrom, SeededRandom } from './seeded-random';

export const MAX_DEMO_CASES = 100_000;
/** Cases per transaction: each batch is two INSERTs and commits on its own. */
const BATCH_SIZE = 1000;
/** Batches in flight at once (the CLI's pool holds two connections). */
const WORKERS = 2;

export function requireCaseCount(count: number): number {
  if (!Number.isInteger(count) || count < 0 || count > MAX_DEMO_CASES) {
    throw ApiError.unprocessable(`cases must be a whole number from 0 to ${MAX_DEMO_CASES}`);
  }
  return count;
}

/**
 * Adds realistic demo cases to a tenant. References come from the same per-tenant, per-year
 * counter the API uses: the whole run's block for each year is reserved up front (one upsert per
 * year, so API creates meanwhile continue after it), then cases are inserted in batches, each its
 * own transaction, two at a time. Every run adds `count` more. The data is pseudo-random from a
 * seed of the tenant's slug and how many cases it already has, so a rerun on the same data makes
 * the same cases (ids and clock times aside). Each run leaves one audit entry with its count.
 */
@Injectable()
export class DemoCaseSeeder {
  constructor(
    private readonly transaction: TenantTransaction,
    private readonly recorder: ChangeRecorder,
  ) {}

  private get dataSource() {
    return this.transaction.dataSource;
  }

  async seed(tenantId: string, count: number, progress?: SeedProgress): Promise<number> {
    if (requireCaseCount(count) === 0) return 0;
    const tenant = await this.dataSource.getRepository(Tenant).findOneByOrFail({ id: tenantId });
    const [{ n: existing }] = await this.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1',
      [tenantId],
    );
    const random = new SeededRandom(seedFrom(`${tenant.slug}:${existing}`));
    const factory = new DemoCaseFactory(await this.context(tenant));
    const now = Date.now();
    const times = demoCreationTimes(random, count, now);
    const yearOf = referenceYearIn(tenant.timezone);
    const references = await this.transaction.runFor(tenantId, () =>
      reserveReferences(this.transaction.manager, tenant, times.map(yearOf)),
    );

    let next = 0;
    let created = 0;
    let failed = false;
    // Each worker takes the next batch and makes its cases before it awaits anything, so batches
    // are generated in order whatever the timing: the same seed gives the same cases.
    const worker = async () => {
      while (next < count && !failed) {
        const start = next;
        next = Math.min(count, next + BATCH_SIZE);
        const rows = times
          .slice(start, next)
          .map((createdAt, index) =>
            factory.create(random, { id: randomUUID(), reference: references[start + index], createdAt, now }),
          );
        try {
          await this.transaction.runFor(tenantId, async () => {
            const manager = this.transaction.manager;
            // Demo data: a crash may lose the last batches, never corrupt them; skip the wait for disk.
            await manager.query('SET LOCAL synchronous_commit = off');
            await insertDemoCases(manager, tenant.id, rows);
          });
        } catch (error) {
          failed = true;
          throw error;
        }
        created += rows.length;
        progress?.increment(rows.length);
      }
    };

    progress?.start(count);
    const outcomes = await Promise.allSettled(Array.from({ length: WORKERS }, worker));
    progress?.stop();
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    // A bulk load leaves the planner's statistics behind; refresh them so lists plan well at once.
    if (created > 0) {
      await this.dataSource.query('ANALYZE cases, case_events');
      await this.transaction.runFor(tenantId, () =>
        this.recorder.record({
          action: 'demo.cases_seeded',
          resourceType: 'tenant',
          resourceId: tenantId,
          after: { requested: count, created },
        }),
      );
    }
    if (!failure) return created;
    if (created === 0) throw failure.reason;
    const reason = failure.reason instanceof Error ? failure.reason.message : String(failure.reason);
    throw ApiError.unprocessable(`Stopped after adding ${created} of ${count} cases (those are kept): ${reason}`);
  }

  /** The tenant's enabled wards and categories, and its enabled staff. */
  private async context(tenant: Tenant): Promise<DemoCaseContext> {
    const manager = this.dataSource.manager;
    const [wards, categories, staff] = await Promise.all([
      manager.getRepository(Ward).find({ where: { tenantId: tenant.id, enabled: true }, order: { name: 'ASC' } }),
      manager.getRepository(Category).find({ where: { tenantId: tenant.id, enabled: true }, order: { slug: 'ASC' } }),
      manager.getRepository(User).find({ where: { tenantId: tenant.id, enabled: true }, order: { email: 'ASC' } }),
    ]);
    return {
      defaultSlaDays: tenant.defaultSlaDays,
      wards: wards.map(({ id, name }) => ({ id, name })),
      categories: categories.map(({ id, name, slug, slaDays }) => ({ id, name, slug, slaDays })),
      staff: staff.map(({ id, name, role, wardIds }) => ({ id, name, role, wardIds })),
    };
  }
}
