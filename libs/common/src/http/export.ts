import { applyDecorators, StreamableFile, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { IsBoolean, IsOptional } from 'class-validator';
import { Readable } from 'node:stream';
import { IsOneOf, QueryBoolean } from '../validation/decorators';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportFormatQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsOneOf(EXPORT_FORMATS)
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

/** A character that makes RFC 4180 quote a field. */
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field (RFC 4180): empty for null, formula-like text neutralised, quoted when needed. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? neutraliseCsvCell(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A column's value computed by PostgreSQL: `expression` is SQL text equal to `String(value)`
 * (NULL for null), `type` the JS type of `value`, since only strings are neutralised.
 */
export interface CsvSql {
  expression: string;
  type: 'string' | 'number' | 'boolean';
}

/**
 * A column's value as PostgreSQL's `COPY … TO STDOUT (FORMAT csv)` should get it for its CSV
 * field to be `csvField`'s: formula-like text neutralised, an empty string as NULL (COPY
 * writes `""` for an empty string and an empty field for NULL; otherwise it quotes exactly as
 * `csvField` does; a lone `\.` is quoted only in a single-column COPY). `column` should be a
 * plain column reference: it is read up to three times. test/cases/cases-export-csv-sql holds
 * the two to the same bytes.
 */
export function csvCopyValueSql(column: string, type: CsvSql['type']): string {
  if (type !== 'string') return column;
  const triggers = FORMULA_TRIGGERS.map((trigger) => trigger.charCodeAt(0)).join(', ');
  return `CASE WHEN ascii(${column}) IN (${triggers}) THEN '''' || ${column} ELSE nullif(${column}, '') END`;
}

/** Characters of CSV gathered before a write: the socket gets large chunks, not one per row. */
const CSV_CHUNK = 64 * 1024;

export interface ExportColumn<R> {
  header: string;
  value: (row: R) => string | number | boolean | null;
  /** The same value as SQL, for an export that has PostgreSQL write the CSV (`csvCopyValueSql`). */
  sql?: CsvSql;
}

/** A column of an export that PostgreSQL writes: its SQL is required. */
export type CopiedExportColumn<R> = ExportColumn<R> & { sql: CsvSql };

/**
 * How long a streamed export may run in all. The request deadline (Fastify's `handlerTimeout`)
 * would otherwise cut a large export off mid-file; every batch is still bound by the
 * statement timeout, and a client that stops reading stops the export.
 */
export const EXPORT_DEADLINE_MS = 10 * 60_000;

/** Marks a route that answers through `sendExport` (see `allowStreamedExports`). */
export const StreamedExport = () => RouteConfig({ streamedExport: true });

/** Gives `@StreamedExport()` routes the export deadline; register before the routes are. */
export function allowStreamedExports(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { streamedExport?: boolean } | undefined)?.streamedExport) {
      route.handlerTimeout = EXPORT_DEADLINE_MS;
    }
  });
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
 * when `bom`; or, given `encoded`, the header and then that text: the records PostgreSQL
 * encoded from the same columns (`csvCopyValueSql`). Reads only as fast as the reader takes the
 * text (backpressure): the next chunk is asked for once the one before has gone out.
 */
function csvOf<R>(
  rows: AsyncIterable<R> | Iterable<R>,
  columns: ExportColumn<R>[],
  bom: boolean,
  encoded?: AsyncIterable<Buffer | string>,
): Readable {
  const header = (bom ? '\uFEFF' : '') + columns.map((column) => csvField(column.header)).join(',') + '\n';
  async function* headerThen(body: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
    yield header;
    yield* body;
  }
  async function* csvChunks(): AsyncGenerator<string> {
    let chunk = header;
    for await (const row of rows) {
      let line = '';
      for (let i = 0; i < columns.length; i++) line += (i === 0 ? '' : ',') + csvField(columns[i].value(row));
      chunk += line + '\n';
      if (chunk.length >= CSV_CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  // Bytes, not objects: the stream holds at most one chunk ahead, however large chunks are.
  return Readable.from(encoded ? headerThen(encoded) : csvChunks(), { objectMode: false });
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
 * Documents an export route from the same column list `sendExport` writes: a `text/csv` string
 * whose columns are named in order, or a JSON array of `rowType`, as an attachment.
 */
export function ApiExportResponse<R>(resource: string, rowType: Type<unknown>, columns: readonly ExportColumn<R>[]) {
  const headerRow = columns.map((column) => column.header).join(',');
  return applyDecorators(
    ApiExtraModels(rowType),
    ApiProduces('text/csv', 'application/json'),
    ApiOkResponse({
      description: `Every matching ${resource.replace(/s$/, '')}, streamed as an attachment (\`?format=csv\` or \`json\`)`,
      headers: {
        'Content-Disposition': {
          description: 'Always an attachment, named after the resource and the date',
          schema: { type: 'string', example: `attachment; filename="${resource}-export-2026-01-15.csv"` },
        },
      },
      content: {
        'text/csv': {
          schema: {
            type: 'string',
            description:
              `RFC 4180 CSV, UTF-8 (a byte order mark first with \`?bom=true\`), one header row, then one row per ${resource.replace(/s$/, '')}. ` +
              `Columns, in this order: ${columns.map((column) => `\`${column.header}\``).join(', ')}. ` +
              "Empty cell for null; lists joined with `; `; a cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` so a spreadsheet shows it as text.",
          },
          example: `${headerRow}\n`,
        },
        'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(rowType) } } },
      },
    }),
  );
}

/**
 * Streams rows as a CSV attachment (header row, RFC 4180 quoting, formula-like cells
 * neutralised, a BOM on `?bom=true`) or a JSON array, without holding them all: `rows` may be
 * any async iterable. The route should be `@StreamedExport()` and
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
    /** The CSV records, already encoded by PostgreSQL from `columns` (`csvCopyValueSql`); else `rows` are encoded here. */
    csv?: AsyncIterable<Buffer | string>;
  },
): FastifyReply {
  const { resource, query, rows, columns, toJson, csv } = options;
  const format = query.format ?? 'csv';
  void reply.header('Content-Disposition', dispositionOf(resource, format));
  void reply.header('Content-Type', CONTENT_TYPES[format]);
  // A HEAD learns the headers only: `rows` is never iterated, so no export work is done.
  if (reply.request.method === 'HEAD') return reply.send();
  // pipe() honours backpressure: rows are read only as fast as the client takes them.
  if (format === 'csv') return reply.send(csvOf(rows, columns, query.bom === true, csv));
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
