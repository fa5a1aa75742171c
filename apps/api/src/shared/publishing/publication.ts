import type { TenantOwned } from '@wardline/database';
import type { TenantRepository } from '@wardline/tenancy';
import type { DeepPartial } from 'typeorm';

/** Content that residents see once approved; `publishedAt` is set on first approval and never moves. */
export interface Publishable extends TenantOwned {
  approved: boolean;
  publishedAt: Date | null;
}

/** What a PATCH of `approved` changes: whether it approves, and whether that publishes for the first time. */
export function approvalPatch(
  current: Publishable,
  approved: boolean | undefined,
): { patch: Partial<Publishable>; approves: boolean; firstPublished: boolean } {
  if (approved === undefined || approved === current.approved) {
    return { patch: {}, approves: false, firstPublished: false };
  }
  if (!approved) return { patch: { approved: false }, approves: false, firstPublished: false };
  return {
    patch: { approved: true, publishedAt: current.publishedAt ?? new Date() },
    approves: true,
    firstPublished: current.publishedAt === null,
  };
}

export interface BulkApproval<E> {
  /** The rows this request approved, as they are now. */
  approved: E[];
  /** Those of them published for the first time. */
  firstPublished: E[];
}

/**
 * Approves those of `ids` that are the tenant's and not yet approved, through `updateMany`.
 * The candidates are locked first, so a concurrent approval of the same ids waits and then
 * changes (and counts, and announces) nothing; `publishedAt` is set only where it was null.
 */
export async function approveMany<E extends Publishable>(
  repository: TenantRepository<E>,
  ids: readonly string[],
): Promise<BulkApproval<E>> {
  const candidates = await repository
    .query('row')
    .andWhere('row.id IN (:...ids)', { ids: [...new Set(ids)] })
    .andWhere('row.approved = false')
    // One lock order for every request, so two approvals of overlapping ids cannot deadlock.
    .orderBy('row.id')
    .setLock('pessimistic_write')
    .getMany();
  if (candidates.length === 0) return { approved: [], firstPublished: [] };
  const changedIds = await repository.updateMany(
    candidates.map((row) => row.id),
    { approved: true, publishedAt: () => 'COALESCE(published_at, now())' } as unknown as DeepPartial<E>,
    'approved = false',
  );
  if (changedIds.length === 0) return { approved: [], firstPublished: [] };
  const approved = await repository
    .query('row')
    .andWhere('row.id IN (:...ids)', { ids: changedIds })
    .orderBy('row.id')
    .getMany();
  const neverPublished = new Set(candidates.filter((row) => row.publishedAt === null).map((row) => row.id));
  return { approved, firstPublished: approved.filter((row) => neverPublished.has(row.id)) };
}
