import { Injectable } from '@nestjs/common';
import { type AnnouncedEvent, type Change, ChangeRecorder, type TimelineEntry } from '@wardline/changes';
import {
  CaseCounts,
  CaseReferences,
  type CaseViewer,
  requireVisibleToCreator,
  restrictToVisibleCases,
} from '@wardline/casework';
import {
  ApiError,
  isUuid,
  type ListQueryDto,
  type Page,
  paginate,
  rawRows,
  type SortSpec,
  versioned,
  type Versioned,
  versionMismatch,
} from '@wardline/common';
import { Case, CaseEvent, Category, User, Ward } from '@wardline/database';
import { InjectTenantRepository, TenantContext, TenantRepository, TenantTransaction } from '@wardline/tenancy';
import type { SelectQueryBuilder } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { applyCaseFilters, CASE_ALIAS, caseSortSpec, countableCaseFilter } from './case-query';
import { caseRowResponse, type CaseRow, selectCaseRows } from './case-rows';
import { type ExportKey, readCsvBatch } from './case-csv-batch';
import {
  applyCasePatch,
  type CaseChangeSet,
  caseSnapshot,
  changeSetSnapshots,
  isNoChange,
  type Move,
} from './case-changes';
import {
  type CaseDetailResponse,
  type CaseResponse,
  type TimelineEntry as TimelineEntryResponse,
  type UserRef,
  toCaseResponse,
  toTimelineEntry,
} from './case.response';
import type { AddNoteDto } from './dto/add-note.dto';
import type { CreateCaseDto } from './dto/create-case.dto';
import type { CaseFilters, ListCasesQuery } from './dto/list-cases.query';
import type { UpdateCaseDto } from './dto/update-case.dto';

const A = CASE_ALIAS;
const DAY_MS = 86_400_000;
/** Rows per export batch: few round trips and transactions, a few MB of rows in flight. */
const EXPORT_BATCH = 5000;
/** Timeline entries embedded in a case; the rest are paged at `GET /api/cases/:id/timeline`. */
export const EMBEDDED_TIMELINE = 50;
const EVENT_SEQ = 'event_seq';
/** The timeline in the order it was recorded (`seq` is the insertion order). */
const TIMELINE_SORT: SortSpec<CaseEvent> = {
  fields: { at: { expression: 'event.seq', type: 'number', value: (_event, raw) => Number(raw[EVENT_SEQ]) } },
  defaultSort: 'at',
  idExpression: 'event.id',
  id: (event) => event.id,
};
const caseNotFound = () => ApiError.notFound('Case');

@Injectable()
export class CasesService {
  constructor(
    @InjectTenantRepository(Case) private readonly cases: TenantRepository<Case>,
    @InjectTenantRepository(CaseEvent) private readonly events: TenantRepository<CaseEvent>,
    @InjectTenantRepository(Ward) private readonly wards: TenantRepository<Ward>,
    @InjectTenantRepository(Category) private readonly categories: TenantRepository<Category>,
    @InjectTenantRepository(User) private readonly users: TenantRepository<User>,
    private readonly references: CaseReferences,
    private readonly counts: CaseCounts,
    private readonly recorder: ChangeRecorder,
    private readonly tenant: TenantContext,
    private readonly transaction: TenantTransaction,
  ) {}

  /** The tenant's cases with ward, category and assignee joined. */
  private withRelations(): SelectQueryBuilder<Case> {
    return this.cases
      .query(A)
      .leftJoinAndSelect(`${A}.ward`, 'ward')
      .leftJoinAndSelect(`${A}.category`, 'category')
      .leftJoinAndSelect(`${A}.assignee`, 'assignee');
  }

  /** Cases the viewer may see, with ward, category and assignee joined. */
  private visible(viewer: CaseViewer): SelectQueryBuilder<Case> {
    return restrictToVisibleCases(this.withRelations(), A, viewer);
  }

  /** Cases the viewer may see, selected as `CaseRow`s (`CaseRow<string>` with `datesAsText`). */
  private visibleRows(viewer: CaseViewer, options: { datesAsText?: boolean } = {}): SelectQueryBuilder<Case> {
    return restrictToVisibleCases(selectCaseRows(this.cases.query(A), A, options), A, viewer);
  }

  async list(query: ListCasesQuery, viewer: CaseViewer): Promise<Page<CaseResponse>> {
    // Timestamps as ISO-8601 text from PostgreSQL: no `Date` parsed and reformatted per cell.
    const rows = applyCaseFilters(this.visibleRows(viewer, { datesAsText: true }), query);
    const counted = countableCaseFilter(query);
    const page = await paginate(
      rows,
      query,
      caseSortSpec(!!query.search),
      rawRows<Case, CaseRow<string>>(),
      async () => (counted ? this.counts.total(counted, viewer) : null),
    );
    return { items: page.items.map(caseRowResponse), pagination: page.pagination };
  }

  async get(id: string, viewer: CaseViewer): Promise<Versioned<CaseDetailResponse>> {
    const kase = await this.visibleCase(id, viewer);
    return versioned({ ...kase, ...(await this.latestTimelineOf(id)) }, kase.version);
  }

  private visibleCase(id: string, viewer: CaseViewer): Promise<CaseResponse> {
    return this.caseFrom(this.visible(viewer), id);
  }

  private async caseFrom(query: SelectQueryBuilder<Case>, id: string): Promise<CaseResponse> {
    const row = isUuid(id) ? await query.andWhere(`${A}.id = :id`, { id }).getOne() : null;
    if (!row) throw caseNotFound();
    return toCaseResponse(row);
  }

  /** The latest entries of a case's timeline, oldest first, and whether there are more. */
  private async latestTimelineOf(
    caseId: string,
  ): Promise<{ timeline: TimelineEntryResponse[]; timelineTruncated: boolean }> {
    const latest = await this.events
      .query('event')
      .andWhere('event.caseId = :caseId', { caseId })
      .orderBy('event.seq', 'DESC')
      .limit(EMBEDDED_TIMELINE + 1)
      .getMany();
    return {
      timeline: latest.slice(0, EMBEDDED_TIMELINE).toReversed().map(toTimelineEntry),
      timelineTruncated: latest.length > EMBEDDED_TIMELINE,
    };
  }

  /** Every timeline entry of a case the viewer may see, paged oldest first. */
  async timeline(id: string, query: ListQueryDto, viewer: CaseViewer): Promise<Page<TimelineEntryResponse>> {
    if (!isUuid(id) || !(await this.visible(viewer).andWhere(`${A}.id = :id`, { id }).getExists())) {
      throw caseNotFound();
    }
    const events = this.events
      .query('event')
      .addSelect('event.seq', EVENT_SEQ)
      .andWhere('event.caseId = :caseId', { caseId: id });
    const page = await paginate(events, query, TIMELINE_SORT);
    return { items: page.items.map(toTimelineEntry), pagination: page.pagination };
  }

  async create(input: CreateCaseDto, viewer: CaseViewer): Promise<Versioned<CaseDetailResponse>> {
    const assigneeId =
      input.assigneeId === undefined && viewer.role === 'caseworker' ? viewer.userId : input.assigneeId;
    requireVisibleToCreator(viewer, assigneeId);
    return this.open({ ...input, assigneeId });
  }

  /**
   * The one way a case comes to be, for the API and the public intake form alike: checks its
   * references, takes the next reference and records `case.created`. `announce` adds webhook
   * events beside `case_created` (the form's `contact_submitted`).
   */
  async open(input: CreateCaseDto, announce: readonly AnnouncedEvent[] = []): Promise<Versioned<CaseDetailResponse>> {
    const { assigneeId } = input;
    await this.checkReferences(input);
    const now = new Date();
    const { reference, defaultSlaDays } = await this.references.next(now);
    const slaDays = input.categoryId ? await this.slaDaysOf(input.categoryId) : null;
    const row = await this.cases.insert({
      ...input,
      assigneeId: assigneeId ?? null,
      reference,
      status: 'open',
      priority: input.priority ?? 'normal',
      sourceChannel: input.sourceChannel ?? 'api',
      archived: false,
      highlightedForPublic: input.highlightedForPublic ?? false,
      publicThemes: input.publicThemes ?? [],
      tags: input.tags ?? [],
      dueAt: input.dueAt ? new Date(input.dueAt) : new Date(now.getTime() + (slaDays ?? defaultSlaDays) * DAY_MS),
    });
    const timeline: TimelineEntry[] = [{ caseId: row.id, type: 'created', data: { reference, status: 'open' } }];
    const events: AnnouncedEvent[] = [{ type: 'case_created', data: {} }, ...announce];
    if (row.assigneeId) {
      timeline.push({
        caseId: row.id,
        type: 'assigned',
        data: { ...(await this.namedMove({ from: null, to: row.assigneeId })) },
      });
      events.push({ type: 'case_assigned', data: { from: null, to: row.assigneeId } });
    }
    return this.recordAndShow(row.id, {
      action: 'case.created',
      before: null,
      after: caseSnapshot(row),
      timeline,
      events,
    });
  }

  async update(
    id: string,
    patch: UpdateCaseDto,
    expectedVersion: number | undefined,
    viewer: CaseViewer,
  ): Promise<Versioned<CaseDetailResponse>> {
    const current = await this.cases.findForUpdate(id, (query, alias) => restrictToVisibleCases(query, alias, viewer));
    if (!current) throw caseNotFound();
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw versionMismatch(current.version);
    await this.checkReferences(patch);

    const change = applyCasePatch(current, patch, new Date());
    if (isNoChange(change)) return this.get(id, viewer);

    await this.cases.save(change.next);
    return this.recordAndShow(id, {
      action: actionOf(change),
      ...changeSetSnapshots(change),
      ...effectsOf(id, change, change.assigneeMove && (await this.namedMove(change.assigneeMove))),
    });
  }

  async addNote(id: string, note: AddNoteDto, viewer: CaseViewer): Promise<Versioned<CaseDetailResponse>> {
    const current = await this.cases.findForUpdate(id, (query, alias) => restrictToVisibleCases(query, alias, viewer));
    if (!current) throw caseNotFound();
    current.updatedAt = new Date();
    await this.cases.save(current);
    const data = { body: note.body, internal: note.internal ?? true };
    return this.recordAndShow(id, {
      action: 'case.note_added',
      before: null,
      after: data,
      timeline: [{ caseId: id, type: 'note_added', data }],
      events: [{ type: 'case_note_added', data: { note: data } }],
    });
  }

  /**
   * Records the change and answers with the case as it is now. Webhook events carry the case
   * itself beside their own data. A caseworker who hands a case on may no longer read it; the
   * response still shows the result of its own change.
   */
  private async recordAndShow(
    id: string,
    change: Omit<Change, 'resourceType' | 'resourceId'>,
  ): Promise<Versioned<CaseDetailResponse>> {
    const kase = await this.caseFrom(this.withRelations(), id);
    await this.recorder.record({
      ...change,
      resourceType: 'case',
      resourceId: id,
      events: change.events?.map((event) => ({ type: event.type, data: { case: kase, ...event.data } })),
    });
    return versioned({ ...kase, ...(await this.latestTimelineOf(id)) }, kase.version);
  }

  /**
   * Every matching case, in keyset batches, each batch its own short tenant transaction: the
   * export streams in constant memory however many cases match.
   */
  async *export(filters: CaseFilters, viewer: CaseViewer): AsyncGenerator<CaseResponse> {
    const batches = this.exportBatches(filters, viewer, 'READ COMMITTED', async (query) => {
      const rows = await query.getRawMany<CaseRow<string>>();
      const last = rows.at(-1);
      return {
        batch: rows,
        next: rows.length === EXPORT_BATCH && last ? { createdAt: last.createdAt, id: last.id } : undefined,
      };
    });
    for await (const rows of batches) for (const row of rows) yield caseRowResponse(row);
  }

  /**
   * The same cases as `export`, as the CSV records of `CASE_EXPORT_COLUMNS`, encoded by
   * PostgreSQL (`readCsvBatch`) a batch at a time.
   */
  async *exportCsv(filters: CaseFilters, viewer: CaseViewer): AsyncGenerator<Buffer> {
    const batches = this.exportBatches(filters, viewer, 'REPEATABLE READ', async (query) =>
      readCsvBatch(await this.transaction.client(), query, EXPORT_BATCH),
    );
    for await (const chunks of batches) yield* chunks;
  }

  /**
   * The matching cases, newest first, in keyset batches of EXPORT_BATCH, each read by `read` in
   * its own short tenant transaction: no connection is held while the client takes a batch.
   * `read` gets the batch's query (nothing selected that it needs) and says where the next
   * batch starts, if there is one.
   */
  private async *exportBatches<T>(
    filters: CaseFilters,
    viewer: CaseViewer,
    isolation: IsolationLevel,
    read: (query: SelectQueryBuilder<Case>) => Promise<{ batch: T; next?: ExportKey }>,
  ): AsyncGenerator<T> {
    const tenantId = this.tenant.tenantId;
    let after: ExportKey | undefined;
    do {
      const { batch, next }: { batch: T; next?: ExportKey } = await this.tenant.run(tenantId, () =>
        this.transaction.run(() => {
          const query = applyCaseFilters(this.visibleRows(viewer, { datesAsText: true }), filters)
            .orderBy(`${A}.createdAt`, 'DESC')
            .addOrderBy(`${A}.id`, 'DESC')
            .limit(EXPORT_BATCH);
          if (after) {
            query.andWhere(
              `(${A}.createdAt, ${A}.id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid))`,
              { afterCreatedAt: after.createdAt, afterId: after.id },
            );
          }
          return read(query);
        }, isolation),
      );
      yield batch;
      after = next;
    } while (after);
  }

  /** A reassignment as the timeline keeps it: each side's user id and name, as they were then. */
  private async namedMove(move: Move<string | null>): Promise<Move<UserRef | null>> {
    const named = async (userId: string | null): Promise<UserRef | null> =>
      userId === null ? null : { id: userId, name: (await this.users.findById(userId))?.name ?? '' };
    return { from: await named(move.from), to: await named(move.to) };
  }

  private async slaDaysOf(categoryId: string): Promise<number | null> {
    return (await this.categories.findById(categoryId))?.slaDays ?? null;
  }

  /** wardId, categoryId and assigneeId must name rows of this tenant (an enabled user): else 422. */
  private async checkReferences(input: {
    wardId?: string | null;
    categoryId?: string | null;
    assigneeId?: string | null;
  }) {
    const fields: Record<string, string[]> = {};
    if (input.wardId && !(await this.wards.existsById(input.wardId))) fields.wardId = ['no such ward in this tenant'];
    if (input.categoryId && !(await this.categories.existsById(input.categoryId))) {
      fields.categoryId = ['no such category in this tenant'];
    }
    if (input.assigneeId) {
      const assignee = await this.users.findById(input.assigneeId);
      if (!assignee || !assignee.enabled) fields.assigneeId = ['no such enabled user in this tenant'];
    }
    if (Object.keys(fields).length > 0) {
      throw ApiError.unprocessable(`Unknown ${Object.keys(fields).join(', ')} in this tenant`, { fields });
    }
  }
}

/** The audit action of a PATCH: its most telling part. */
function actionOf({ statusMove, assigneeMove }: CaseChangeSet): string {
  if (statusMove) return 'case.status_changed';
  if (assigneeMove) return 'case.assigned';
  return 'case.updated';
}

/** The timeline entries and webhook events a PATCH causes. */
function effectsOf(
  caseId: string,
  { statusMove, assigneeMove, changes }: CaseChangeSet,
  namedAssigneeMove: Move<UserRef | null> | undefined,
) {
  const timeline: TimelineEntry[] = [];
  const events: AnnouncedEvent[] = [];
  if (statusMove) {
    timeline.push({ caseId, type: 'status_changed', data: { ...statusMove } });
    events.push({ type: 'case_status_changed', data: { ...statusMove } });
    if (statusMove.to === 'resolved') events.push({ type: 'case_resolved', data: {} });
    if (statusMove.to === 'closed') events.push({ type: 'case_closed', data: {} });
  }
  if (assigneeMove) {
    timeline.push({ caseId, type: 'assigned', data: { ...namedAssigneeMove } });
    events.push({ type: 'case_assigned', data: { ...assigneeMove } });
  }
  if (Object.keys(changes).length > 0) {
    timeline.push({ caseId, type: 'updated', data: { changes } });
    events.push({ type: 'case_updated', data: { changes } });
  }
  return { timeline, events };
}
