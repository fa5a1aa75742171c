import type { ExportColumn } from '@wardline/common';
import { CASE_EXPORT_COLUMNS } from '../cases/case-export.columns';
import type { CaseResponse, NoteAddedEntry } from '../cases/case.response';
import type { ResidentCase } from './resident.responses';

/** One line of the subject access CSV: a case, or one of its notes (`note` set). */
export interface ResidentExportRow {
  kase: CaseResponse;
  note?: NoteAddedEntry;
}

const IDENTIFYING = new Set(['id', 'reference']);

/**
 * A `case` line carries every case column (as `GET /api/cases/export` writes them); a `note`
 * line names its case by `caseId` and `reference` and carries the note columns.
 */
export const RESIDENT_EXPORT_COLUMNS: ExportColumn<ResidentExportRow>[] = [
  { header: 'record', value: (row) => (row.note ? 'note' : 'case') },
  { header: 'caseId', value: (row) => row.kase.id },
  { header: 'reference', value: (row) => row.kase.reference },
  ...CASE_EXPORT_COLUMNS.filter((column) => !IDENTIFYING.has(column.header)).map(
    (column): ExportColumn<ResidentExportRow> => ({
      header: column.header,
      value: (row) => (row.note ? null : column.value(row.kase)),
    }),
  ),
  { header: 'noteId', value: (row) => row.note?.id ?? null },
  { header: 'noteAt', value: (row) => row.note?.at ?? null },
  { header: 'noteBy', value: (row) => row.note?.actor.name ?? null },
  { header: 'noteBody', value: (row) => row.note?.data.body ?? null },
];

/** Each case, followed by its notes, oldest first. */
export function* residentExportRows(cases: ResidentCase[]): Generator<ResidentExportRow> {
  for (const { notes, ...kase } of cases) {
    yield { kase };
    for (const note of notes) yield { kase, note };
  }
}
