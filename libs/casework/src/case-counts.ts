import { Injectable } from '@nestjs/common';
import { CaseListCount, type CaseListCountDimension } from '@wardline/database';
import { TenantContext, TenantRepository, TenantTransaction } from '@wardline/tenancy';
import { type CaseViewer, visibleAssignees } from './case-visibility';

type GroupColumn = 'wardId' | 'categoryId';
const GROUP_DIMENSIONS: Record<GroupColumn, CaseListCountDimension> = { wardId: 'ward_id', categoryId: 'category_id' };
/** Dimensions whose values are ids: compared as the lowercase text the counts hold. */
const ID_DIMENSIONS: ReadonlySet<CaseListCountDimension> = new Set(['ward_id', 'category_id']);

/**
 * A case list's filters as the kept counts can answer them: the archived flag, assignees, and at
 * most one other discrete filter with any number of its values.
 */
export interface CountableCaseFilter {
  archived: boolean;
  /** Cases assigned to any of these; absent: anyone's or no one's. */
  assigneeIds?: readonly string[];
  /** Cases whose `dimension` is any of `values`; absent: every case. */
  only?: { dimension: Exclude<CaseListCountDimension, 'all'>; values: readonly string[] };
}

/**
 * Counts of the cases a viewer may see, read from the counts the database keeps beside `cases`
 * (`case_list_counts`, exact and in the same transaction as every change): list totals and
 * the per-ward counts. The caseworker rule is a condition on the assignee here.
 */
@Injectable()
export class CaseCounts {
  private readonly counts: TenantRepository<CaseListCount>;

  constructor(transaction: TenantTransaction, tenant: TenantContext) {
    this.counts = new TenantRepository(CaseListCount, transaction, tenant);
  }

  /** How many cases match `filter` that the viewer may see. */
  async total(filter: CountableCaseFilter, viewer: CaseViewer): Promise<number> {
    const assignees = visibleAssignees(filter.assigneeIds, viewer);
    if (assignees?.length === 0) return 0;
    const dimension = filter.only?.dimension ?? 'all';
    const values = filter.only ? valuesOf(dimension, filter.only.values) : [''];
    const query = this.counts
      .query('n')
      .select('coalesce(sum(n.cases), 0)::int', 'total')
      .andWhere('n.archived = :archived', { archived: filter.archived })
      .andWhere('n.dimension = :dimension', { dimension })
      .andWhere('n.value IN (:...values)', { values });
    if (assignees) query.andWhere('n.assigneeId IN (:...assignees)', { assignees });
    const row = await query.getRawOne<{ total: number }>();
    return row?.total ?? 0;
  }

  /** Cases per ward (or category), archived or not, that the viewer may see; groups with none are left out. */
  async by(column: GroupColumn, viewer: CaseViewer): Promise<Map<string, number>> {
    const query = this.counts
      .query('n')
      .select('n.value', 'groupId')
      .addSelect('sum(n.cases)::int', 'count')
      .andWhere('n.dimension = :dimension', { dimension: GROUP_DIMENSIONS[column] })
      .groupBy('n.value')
      .having('sum(n.cases) <> 0');
    const assignees = visibleAssignees(undefined, viewer);
    if (assignees) query.andWhere('n.assigneeId IN (:...assignees)', { assignees });
    const rows = await query.getRawMany<{ groupId: string; count: number }>();
    return new Map(rows.map((row) => [row.groupId, row.count]));
  }
}

const valuesOf = (dimension: CaseListCountDimension, values: readonly string[]): string[] =>
  ID_DIMENSIONS.has(dimension) ? values.map((value) => value.toLowerCase()) : [...values];
