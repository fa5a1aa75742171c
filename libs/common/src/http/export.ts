import { StreamableFile } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Readable } from 'node:stream';
import { QueryBoolean } from '../validation/decorators';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportFormatQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({
    description: 'CSV only: start the file with a UTF-8 byte order mark, so Excel reads non-ASCII text correctly',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  bom?: boolean;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/**
 * A cell value a spreadsheet shows as text: strings that start with a formula trigger get a
 * leading `'`, as OWASP recommends, since resident-supplied text reaches Excel.
 */
export function neutraliseCsvCell<V>(value: V): V | string {
  return typeof value === 'string' && FORMULA_TRIGGERS.some((trigger) => value.startsWith(trigger))
    ? `'${value}`
    : value;
}

export interface ExportColumn<R> {
  header: string;
  value: (row: R) => string | number | boolean | null;
}

const today = () => new Date().toISOString().slice(0, 10);

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** `attachment; filename="<resource>-export-<date>.<format>"`, the disposition of every export. */
const dispositionOf = (resource: string, format: ExportFormat) =>
  `attachment; filename="${resource}-export-${today()}.${format}"`;

/**
 * `rows` as CSV: a header row, RFC 4180 quoting, formula-like cells neutralised, a UTF-8 BOM
 * when `bom`. Reads `rows` only as fast as the reader takes the text (backpressure).
 */
function csvOf<R>(rows: AsyncIterable<R> | Iterable<R>, columns: ExportColumn<R>[], bom: boolean): Readable {
  async function* records(): AsyncGenerator<(string | number | boolean | null)[]> {
    for await (const row of rows) yield columns.map((column) => neutraliseCsvCell(column.value(row)));
  }
  const csv = stringify({
    bom,
    header: true,
    columns: columns.map((column) => column.header),
    cast: { boolean: (value) => String(value) },
  });
  const source = Readable.from(records()).on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}

/**
 * The format a client asked for: `?format=` when given, else CSV when its `Accept` names
 * `text/csv`, else `fallback`.
 */
export function requestedExportFormat(
  query: ExportFormatQuery,
  accept: string | undefined,
  fallback: ExportFormat,
): ExportFormat {
  if (query.format) return query.format;
  return accept?.toLowerCase().includes('text/csv') ? 'csv' : fallback;
}

/**
 * A bounded set of rows, already read, as a CSV attachment for a handler to return: Nest sends
 * it after the request's transaction commits, so what the export records is stored first.
 */
export function csvAttachment<R>(resource: string, rows: Iterable<R>, columns: ExportColumn<R>[], bom = false) {
  return new StreamableFile(csvOf(rows, columns, bom), {
    type: CONTENT_TYPES.csv,
    disposition: dispositionOf(resource, 'csv'),
  });
}

/**
 * Streams rows as a CSV attachment (header row, RFC 4180 quoting, formula-like cells
 * neutralised, a BOM on `?bom=true`) or a JSON array, without holding them all: `rows` may be
 * any async iterable. The route should be
 * `@WithoutRequestTransaction()`, with `rows` reading each batch in its own short transaction.
 */
export function sendExport<R, J>(
  reply: FastifyReply,
  options: {
    resource: string;
    query: ExportFormatQuery;
    rows: AsyncIterable<R> | Iterable<R>;
    columns: ExportColumn<R>[];
    toJson: (row: R) => J;
  },
): FastifyReply {
  const { resource, query, rows, columns, toJson } = options;
  const format = query.format ?? 'csv';
  void reply.header('Content-Disposition', dispositionOf(resource, format));
  void reply.header('Content-Type', CONTENT_TYPES[format]);
  // A HEAD learns the headers only: `rows` is never iterated, so no export work is done.
  if (reply.request.method === 'HEAD') return reply.send();
  // pipe() honours backpressure: rows are read only as fast as the client takes them.
  if (format === 'csv') return reply.send(csvOf(rows, columns, query.bom === true));
  async function* jsonArray(): AsyncGenerator<string> {
    yield '[';
    let first = true;
    for await (const row of rows) {
      yield (first ? '' : ',') + JSON.stringify(toJson(row));
      first = false;
    }
    yield ']';
  }
  return reply.send(Readable.from(jsonArray()));
}
