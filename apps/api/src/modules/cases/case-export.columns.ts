import type { CopiedExportColumn, CsvSql } from '@wardline/common';
import { CASE_ALIAS } from './case-query';
import { caseRowColumns, isoTextOf } from './case-rows';
import type { CaseResponse } from './case.response';

/** Each column's value twice: from the response (JSON-side rows), and as SQL over a case row. */
const column = caseRowColumns(CASE_ALIAS);
const text = (sql: string): CsvSql => ({ expression: `(${sql})::text`, type: 'string' });
const list = (sql: string): CsvSql => ({ expression: `array_to_string(${sql}, '; ', '')`, type: 'string' });
const date = (sql: string): CsvSql => ({ expression: isoTextOf(sql), type: 'string' });

export const CASE_EXPORT_COLUMNS: CopiedExportColumn<CaseResponse>[] = [
  { header: 'id', value: (row) => row.id, sql: text(column.id) },
  { header: 'reference', value: (row) => row.reference, sql: text(column.reference) },
  { header: 'internalRef', value: (row) => row.internalRef, sql: text(column.internalRef) },
  { header: 'status', value: (row) => row.status, sql: text(column.status) },
  { header: 'priority', value: (row) => row.priority, sql: text(column.priority) },
  { header: 'summary', value: (row) => row.summary, sql: text(column.summary) },
  { header: 'description', value: (row) => row.description, sql: text(column.description) },
  { header: 'residentName', value: (row) => row.residentName, sql: text(column.residentName) },
  { header: 'residentEmail', value: (row) => row.residentEmail, sql: text(column.residentEmail) },
  { header: 'residentPhone', value: (row) => row.residentPhone, sql: text(column.residentPhone) },
  { header: 'residentAddress', value: (row) => row.residentAddress, sql: text(column.residentAddress) },
  { header: 'residentPostcode', value: (row) => row.residentPostcode, sql: text(column.residentPostcode) },
  { header: 'sourceChannel', value: (row) => row.sourceChannel, sql: text(column.sourceChannel) },
  {
    header: 'archived',
    value: (row) => row.archived,
    sql: { expression: `(${column.archived})::text`, type: 'boolean' },
  },
  {
    header: 'highlightedForPublic',
    value: (row) => row.highlightedForPublic,
    sql: { expression: `(${column.highlightedForPublic})::text`, type: 'boolean' },
  },
  { header: 'publicSummary', value: (row) => row.publicSummary, sql: text(column.publicSummary) },
  { header: 'publicThemes', value: (row) => row.publicThemes.join('; '), sql: list(column.publicThemes) },
  { header: 'tags', value: (row) => row.tags.join('; '), sql: list(column.tags) },
  { header: 'wardId', value: (row) => row.ward?.id ?? null, sql: text(column.wardId) },
  { header: 'wardName', value: (row) => row.ward?.name ?? null, sql: text(column.wardName) },
  { header: 'categoryId', value: (row) => row.category?.id ?? null, sql: text(column.categoryId) },
  { header: 'categoryName', value: (row) => row.category?.name ?? null, sql: text(column.categoryName) },
  { header: 'assigneeId', value: (row) => row.assignee?.id ?? null, sql: text(column.assigneeId) },
  { header: 'assigneeName', value: (row) => row.assignee?.name ?? null, sql: text(column.assigneeName) },
  { header: 'dueAt', value: (row) => row.dueAt, sql: date(column.dueAt) },
  { header: 'firstResponseAt', value: (row) => row.firstResponseAt, sql: date(column.firstResponseAt) },
  { header: 'resolvedAt', value: (row) => row.resolvedAt, sql: date(column.resolvedAt) },
  { header: 'closedAt', value: (row) => row.closedAt, sql: date(column.closedAt) },
  { header: 'version', value: (row) => row.version, sql: { expression: `(${column.version})::text`, type: 'number' } },
  { header: 'createdAt', value: (row) => row.createdAt, sql: date(column.createdAt) },
  { header: 'updatedAt', value: (row) => row.updatedAt, sql: date(column.updatedAt) },
];
