import type { Case } from '@wardline/database';
import type { SelectQueryBuilder } from 'typeorm';
import type { CaseResponse } from './case.response';

/**
 * A case as the list and the export read it: only the columns a response shows (and the sort
 * keys), as `pg` returns them, mapped once into the response. Hot lists and exports skip
 * TypeORM's entity hydration, which cost more than PostgreSQL did.
 */
type Refs = 'ward' | 'category' | 'assignee';
type Dates = 'dueAt' | 'firstResponseAt' | 'resolvedAt' | 'closedAt' | 'createdAt' | 'updatedAt';

/** `Date` as `pg` parses a timestamp, or `string` when selected as ISO-8601 text (lists, exports). */
export type CaseRow<D extends Date | string = Date> = Omit<CaseResponse, Refs | Dates> & {
  priorityRank: number;
  wardId: string | null;
  wardName: string | null;
  categoryId: string | null;
  categoryName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeRole: NonNullable<CaseResponse['assignee']>['role'] | null;
  dueAt: D;
  firstResponseAt: D | null;
  resolvedAt: D | null;
  closedAt: D | null;
  createdAt: D;
  updatedAt: D;
};

const DATE_FIELDS: readonly Dates[] = ['dueAt', 'firstResponseAt', 'resolvedAt', 'closedAt', 'createdAt', 'updatedAt'];

/** A `timestamptz(3)` as `Date.prototype.toISOString()` writes it, made by PostgreSQL. */
export const isoTextOf = (sql: string) => `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Row field → SQL, with `ward`, `category` and `assignee` joined (not selected) beside `alias`. */
export const caseRowColumns = (alias: string): Record<keyof CaseRow, string> => ({
  id: `${alias}.id`,
  reference: `${alias}.reference`,
  internalRef: `${alias}.internal_ref`,
  status: `${alias}.status`,
  priority: `${alias}.priority`,
  priorityRank: `${alias}.priority_rank`,
  summary: `${alias}.summary`,
  description: `${alias}.description`,
  residentName: `${alias}.resident_name`,
  residentEmail: `${alias}.resident_email`,
  residentPhone: `${alias}.resident_phone`,
  residentAddress: `${alias}.resident_address`,
  residentPostcode: `${alias}.resident_postcode`,
  sourceChannel: `${alias}.source_channel`,
  archived: `${alias}.archived`,
  highlightedForPublic: `${alias}.highlighted_for_public`,
  publicSummary: `${alias}.public_summary`,
  publicThemes: `${alias}.public_themes`,
  tags: `${alias}.tags`,
  wardId: 'ward.id',
  wardName: 'ward.name',
  categoryId: 'category.id',
  categoryName: 'category.name',
  assigneeId: 'assignee.id',
  assigneeName: 'assignee.name',
  assigneeRole: 'assignee.role',
  dueAt: `${alias}.due_at`,
  firstResponseAt: `${alias}.first_response_at`,
  resolvedAt: `${alias}.resolved_at`,
  closedAt: `${alias}.closed_at`,
  version: `${alias}.version`,
  createdAt: `${alias}.created_at`,
  updatedAt: `${alias}.updated_at`,
});

/**
 * Joins ward, category and assignee and selects exactly a `CaseRow` (read it with `getRawMany`).
 * With `datesAsText`, timestamps come as ISO-8601 text (`CaseRow<string>`): a list or an export of a
 * million cases then parses and reformats no `Date`s.
 */
export function selectCaseRows(
  query: SelectQueryBuilder<Case>,
  alias: string,
  options: { datesAsText?: boolean } = {},
): SelectQueryBuilder<Case> {
  query
    .leftJoin(`${alias}.ward`, 'ward')
    .leftJoin(`${alias}.category`, 'category')
    .leftJoin(`${alias}.assignee`, 'assignee');
  const columns = caseRowColumns(alias);
  if (options.datesAsText) for (const field of DATE_FIELDS) columns[field] = isoTextOf(columns[field]);
  const [[firstField, firstSql], ...rest] = Object.entries(columns);
  query.select(firstSql, firstField);
  for (const [field, sql] of rest) query.addSelect(sql, field);
  return query;
}

const iso = (date: Date | string): string => (typeof date === 'string' ? date : date.toISOString());
const isoOrNull = (date: Date | string | null): string | null => (date === null ? null : iso(date));

export function caseRowResponse(row: CaseRow<Date | string>): CaseResponse {
  return {
    id: row.id,
    reference: row.reference,
    internalRef: row.internalRef,
    status: row.status,
    priority: row.priority,
    summary: row.summary,
    description: row.description,
    residentName: row.residentName,
    residentEmail: row.residentEmail,
    residentPhone: row.residentPhone,
    residentAddress: row.residentAddress,
    residentPostcode: row.residentPostcode,
    sourceChannel: row.sourceChannel,
    archived: row.archived,
    highlightedForPublic: row.highlightedForPublic,
    publicSummary: row.publicSummary,
    publicThemes: row.publicThemes,
    tags: row.tags,
    ward: row.wardId ? { id: row.wardId, name: row.wardName ?? '' } : null,
    category: row.categoryId ? { id: row.categoryId, name: row.categoryName ?? '' } : null,
    assignee:
      row.assigneeId && row.assigneeRole
        ? { id: row.assigneeId, name: row.assigneeName ?? '', role: row.assigneeRole }
        : null,
    dueAt: iso(row.dueAt),
    firstResponseAt: isoOrNull(row.firstResponseAt),
    resolvedAt: isoOrNull(row.resolvedAt),
    closedAt: isoOrNull(row.closedAt),
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
