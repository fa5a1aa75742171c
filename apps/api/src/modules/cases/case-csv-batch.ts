import { csvCopyValueSql } from '@wardline/common';
import { type Case, copyCsvOut } from '@wardline/database';
import type { PoolClient } from 'pg';
import type { SelectQueryBuilder } from 'typeorm';
import { CASE_EXPORT_COLUMNS } from './case-export.columns';
import { CASE_ALIAS } from './case-query';

/** Where a keyset batch of the export ends: the last case's `createdAt` (ISO text) and id. */
export interface ExportKey {
  createdAt: string;
  id: string;
}

const A = CASE_ALIAS;
const valueAlias = (index: number) => `csv_${index}`;
/** Each column's CSV value over the batch's selected values (`csvCopyValueSql`). */
const COPY_VALUES = CASE_EXPORT_COLUMNS.map((column, index) =>
  csvCopyValueSql(`batch."${valueAlias(index)}"`, column.sql.type),
).join(', ');

/**
 * One keyset batch of the export as CSV records (`CASE_EXPORT_COLUMNS`) made by PostgreSQL's
 * COPY: the bytes go out as they came, with no rows to parse and encode again in Node.
 * `query`: the cases with ward, category and assignee joined, filtered, in export order,
 * limited to `size` (its select list is replaced). The batch's last key is read first (an
 * index-only scan of `size` keys), since COPY gives nothing but the CSV; run both in one
 * snapshot (REPEATABLE READ) so they see the same rows. `next` is absent after the last batch.
 */
export async function readCsvBatch(
  client: PoolClient,
  query: SelectQueryBuilder<Case>,
  size: number,
): Promise<{ batch: Buffer[]; next?: ExportKey }> {
  // The raw timestamp, not its ISO text, keeps this an index-only scan; `timestamptz(3)` fits a Date.
  const last = await query
    .clone()
    .select(`${A}.created_at`, 'createdAt')
    .addSelect(`${A}.id`, 'id')
    .offset(size - 1)
    .limit(1)
    .getRawOne<{ createdAt: Date; id: string }>();
  const next = last && { createdAt: last.createdAt.toISOString(), id: last.id };
  if (next) {
    query.andWhere(`(${A}.createdAt, ${A}.id) >= (CAST(:lastCreatedAt AS timestamptz), CAST(:lastId AS uuid))`, {
      lastCreatedAt: next.createdAt,
      lastId: next.id,
    });
  }
  query.select(`${A}.created_at`, 'sortAt').addSelect(`${A}.id`, 'sortId');
  CASE_EXPORT_COLUMNS.forEach((column, index) => query.addSelect(column.sql.expression, valueAlias(index)));
  const [values, parameters] = query.getQueryAndParameters();
  // The LIMIT inside keeps each value computed once, not once per mention in COPY_VALUES.
  const batch = await copyCsvOut(
    client,
    `SELECT ${COPY_VALUES} FROM (${values}) batch ORDER BY batch."sortAt" DESC, batch."sortId" DESC`,
    parameters,
  );
  return { batch, next };
}
