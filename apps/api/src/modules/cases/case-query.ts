import type { CountableCaseFilter } from '@wardline/casework';
import type { SortSpec } from '@wardline/common';
import type { Case, CaseListCountDimension } from '@wardline/database';
import type { SelectQueryBuilder } from 'typeorm';
import type { CaseRow } from './case-rows';
import type { CaseFilters } from './dto/list-cases.query';

export const CASE_ALIAS = 'kase';
const SEARCH_QUERY = `websearch_to_tsquery('english', :search)`;
/**
 * A match in the reference or summary (weight A) always ranks above one found only in the
 * description or resident details, however often those repeat the term; within each group,
 * the cover-density rank orders, folded into [0, 1) as 1 - 1/(1 + rank): the same order as
 * rank/(1 + rank), with `ts_rank_cd` worked out once per row instead of twice.
 */
const RANK =
  `((ts_filter(${CASE_ALIAS}.search_vector, '{a}') @@ ${SEARCH_QUERY})::int + 1 - ` +
  `1 / (1 + ts_rank_cd(${CASE_ALIAS}.search_vector, ${SEARCH_QUERY})::float8))::float8`;
export const RANK_COLUMN = 'search_rank';

/** Applies the list filters (shared by list and export). */
export function applyCaseFilters(query: SelectQueryBuilder<Case>, filters: CaseFilters): SelectQueryBuilder<Case> {
  const a = CASE_ALIAS;
  query.andWhere(`${a}.archived = :archived`, { archived: filters.archived ?? false });
  const anyOf: (keyof CaseFilters & keyof Case)[] = [
    'status',
    'wardId',
    'categoryId',
    'assigneeId',
    'priority',
    'sourceChannel',
  ];
  for (const field of anyOf) {
    if (filters[field] !== undefined) query.andWhere(`${a}.${field} IN (:...${field})`, { [field]: filters[field] });
  }
  if (filters.createdFrom) query.andWhere(`${a}.createdAt >= :createdFrom`, { createdFrom: filters.createdFrom });
  if (filters.createdTo) query.andWhere(`${a}.createdAt < :createdTo`, { createdTo: filters.createdTo });
  if (filters.updatedSince) query.andWhere(`${a}.updatedAt >= :updatedSince`, { updatedSince: filters.updatedSince });
  if (filters.search) {
    query.andWhere(`${a}.search_vector @@ ${SEARCH_QUERY}`, { search: filters.search });
    query.addSelect(RANK, RANK_COLUMN);
  }
  return query;
}

/**
 * How the kept counts see each filter: a dimension they count by, the assignee or archived flag
 * they are kept per, or `null` where they cannot answer it (the total is then counted live).
 * A new filter must be placed here.
 */
const COUNTED_AS: Record<keyof CaseFilters, Exclude<CaseListCountDimension, 'all'> | 'assignee' | 'archived' | null> = {
  status: 'status',
  priority: 'priority',
  wardId: 'ward_id',
  categoryId: 'category_id',
  sourceChannel: 'source_channel',
  assigneeId: 'assignee',
  archived: 'archived',
  createdFrom: null,
  createdTo: null,
  updatedSince: null,
  search: null,
};

/**
 * The filters as the kept counts take them, or `null` when they cannot give the total: a filter
 * they do not count by, or two discrete filters besides the assignee.
 */
export function countableCaseFilter(filters: CaseFilters): CountableCaseFilter | null {
  const counted: CountableCaseFilter = { archived: filters.archived ?? false };
  for (const field of Object.keys(COUNTED_AS) as (keyof CaseFilters)[]) {
    const value = filters[field];
    const as = COUNTED_AS[field];
    if (value === undefined || as === 'archived') continue;
    if (as === null || !Array.isArray(value) || (as !== 'assignee' && counted.only)) return null;
    if (as === 'assignee') counted.assigneeIds = value;
    else counted.only = { dimension: as, values: value };
  }
  return counted;
}

/** The same key as the `reference_sort` column: the trailing number zero-padded to 12. */
const referenceSortOf = (reference: string) => reference.replace(/[0-9]+$/, (digits) => digits.padStart(12, '0'));

/** Sortable fields; `relevance` (the default) exists only while searching. */
export function caseSortSpec(searching: boolean): SortSpec<CaseRow<string>> {
  const a = CASE_ALIAS;
  return {
    fields: {
      createdAt: { expression: `${a}.createdAt`, type: 'timestamp', value: (row) => row.createdAt },
      updatedAt: { expression: `${a}.updatedAt`, type: 'timestamp', value: (row) => row.updatedAt },
      reference: { expression: `${a}.referenceSort`, type: 'text', value: (row) => referenceSortOf(row.reference) },
      priority: { expression: `${a}.priorityRank`, type: 'integer', value: (row) => row.priorityRank },
      dueAt: { expression: `${a}.dueAt`, type: 'timestamp', value: (row) => row.dueAt },
      ...(searching
        ? {
            relevance: {
              expression: RANK,
              type: 'number' as const,
              value: (_row: CaseRow<string>, raw) => raw[RANK_COLUMN] as number,
              computedPerRow: true,
            },
          }
        : {}),
    },
    defaultSort: searching ? '-relevance' : '-createdAt',
    idExpression: `${a}.id`,
    id: (row) => row.id,
  };
}
