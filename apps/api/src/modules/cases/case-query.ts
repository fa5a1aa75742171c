import type { SortSpec } from '@wardline/common';
import type { Case } from '@wardline/database';
import type { SelectQueryBuilder } from 'typeorm';
import type { CaseRow } from './case-rows';
import type { CaseFilters } from './dto/list-cases.query';

export const CASE_ALIAS = 'kase';
const SEARCH_QUERY = `websearch_to_tsquery('english', :search)`;
const CD_RANK = `ts_rank_cd(${CASE_ALIAS}.search_vector, ${SEARCH_QUERY})`;
/**
 * A match in the reference or summary (weight A) always ranks above one found only in the
 * description or resident details, however often those repeat the term; within each group,
 * the cover-density rank (folded into [0, 1)) orders.
 */
const RANK =
  `((ts_filter(${CASE_ALIAS}.search_vector, '{a}') @@ ${SEARCH_QUERY})::int + ` +
  `${CD_RANK} / (1 + ${CD_RANK}))::float8`;
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
            },
          }
        : {}),
    },
    defaultSort: searching ? '-relevance' : '-createdAt',
    idExpression: `${a}.id`,
    id: (row) => row.id,
  };
}
