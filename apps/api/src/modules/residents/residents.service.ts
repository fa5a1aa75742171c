import { Injectable } from '@nestjs/common';
import { ChangeRecorder } from '@wardline/changes';
import { type CaseViewer, ResidentAnonymiser, restrictToVisibleCases } from '@wardline/casework';
import { ApiError, type ExportFormat } from '@wardline/common';
import { Case, CaseEvent } from '@wardline/database';
import { InjectTenantRepository, TenantRepository } from '@wardline/tenancy';
import { type NoteAddedEntry, toCaseResponse, toTimelineEntry } from '../cases/case.response';
import type { EraseResidentDto, ResidentMatchQuery } from './dto/resident-match.dto';
import type { ResidentErasureResponse, ResidentExportResponse } from './resident.responses';
import { residentMatch } from './resident-match';

/** A resident's cases answered or erased in one request; more is a mistaken matcher, not a person. */
export const MAX_RESIDENT_CASES = 1000;
const A = 'kase';

@Injectable()
export class ResidentsService {
  constructor(
    @InjectTenantRepository(Case) private readonly cases: TenantRepository<Case>,
    @InjectTenantRepository(CaseEvent) private readonly events: TenantRepository<CaseEvent>,
    private readonly anonymiser: ResidentAnonymiser,
    private readonly recorder: ChangeRecorder,
  ) {}

  /** Subject access: every case holding the resident's details, with its notes; audited with the format asked for. */
  async export(query: ResidentMatchQuery, viewer: CaseViewer, format: ExportFormat): Promise<ResidentExportResponse> {
    const match = residentMatch(query);
    const rows = await this.bounded(
      match
        .apply(restrictToVisibleCases(this.cases.query(A), A, viewer), A)
        .leftJoinAndSelect(`${A}.ward`, 'ward')
        .leftJoinAndSelect(`${A}.category`, 'category')
        .leftJoinAndSelect(`${A}.assignee`, 'assignee')
        .orderBy(`${A}.createdAt`, 'ASC')
        .addOrderBy(`${A}.id`, 'ASC')
        .limit(MAX_RESIDENT_CASES + 1)
        .getMany(),
    );
    const notes = rows.length
      ? await this.events
          .query('event')
          .andWhere('event.caseId IN (:...caseIds)', { caseIds: rows.map((row) => row.id) })
          .andWhere(`event.type = 'note_added'`)
          .orderBy('event.seq', 'ASC')
          .getMany()
      : [];
    // The entry says who asked and by which kind of detail, never the detail itself.
    await this.recorder.record({
      action: 'resident.exported',
      resourceType: 'resident',
      resourceId: null,
      after: { matchedBy: match.kind, format },
    });
    const notesByCase = new Map<string, NoteAddedEntry[]>();
    for (const note of notes) {
      const entries = notesByCase.get(note.caseId) ?? [];
      entries.push(toTimelineEntry<NoteAddedEntry>(note));
      notesByCase.set(note.caseId, entries);
    }
    return {
      matchedBy: match.kind,
      cases: rows.map((row) => ({ ...toCaseResponse(row), notes: notesByCase.get(row.id) ?? [] })),
    };
  }

  /** Erasure: anonymises the resident across the tenant's cases once `confirm` echoes their number. */
  async erase(input: EraseResidentDto): Promise<ResidentErasureResponse> {
    const { confirm, ...query } = input;
    const match = residentMatch(query);
    const ids = (
      await this.bounded(
        match
          .apply(this.cases.query(A), A)
          .select(`${A}.id`)
          .limit(MAX_RESIDENT_CASES + 1)
          .getMany(),
      )
    ).map((row) => row.id);
    if (confirm !== ids.length) {
      throw ApiError.unprocessable('confirm must be the number of matching cases', { matchingCases: ids.length });
    }
    const counts = await this.anonymiser.anonymise(ids);
    await this.recorder.record({
      action: 'resident.erased',
      resourceType: 'resident',
      resourceId: null,
      after: { matchedBy: match.kind, ...counts },
    });
    return { matchedBy: match.kind, ...counts };
  }

  private async bounded(rows: Promise<Case[]>): Promise<Case[]> {
    const found = await rows;
    if (found.length > MAX_RESIDENT_CASES) {
      throw ApiError.unprocessable(`More than ${MAX_RESIDENT_CASES} cases match: name the resident more precisely`);
    }
    return found;
  }
}
