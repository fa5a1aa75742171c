import { Injectable } from '@nestjs/common';
import type { Actor } from '@wardline/auth';
import {
  ApiError,
  isUuid,
  type ListQueryDto,
  type Page,
  paginate,
  type SortSpec,
  versionMismatch,
} from '@wardline/common';
import { Case, CaseEvent, type CaseEventType, Category, User, Ward } from '@wardline/database';
import { InjectTenantRepository, TenantContext, TenantRepository, TenantTransaction } from '@wardline/tenancy';
import type { SelectQueryBuilder } from 'typeorm';
import { applyCaseFilters, CASE_ALIAS, caseSortSpec } from './case-query';
import { applyCasePatch, isNoChange } from './case-changes';
import { CaseReferences } from './case-reference';
import { restrictToVisibleCases, type CaseViewer } from '../../shared/case-visibility';
import {
  type CaseDetailResponse,
  type CaseResponse,
  type TimelineEntry,
  toCaseResponse,
  toTimelineEntry,
} from './case.response';
import type { AddNoteDto } from './dto/add-note.dto';
import type { CreateCaseDto } from './dto/create-case.dto';
import type { CaseFilters, ListCasesQuery } from './dto/list-cases.query';
import type { UpdateCaseDto } from './dto/update-case.dto';

const A = CASE_ALIAS;
const DAY_MS = 86_400_000;
const EXPORT_BATCH = 500;
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
    private readonly tenant: TenantContext,
    private readonly transaction: TenantTransaction,
  ) {}

  /** Cases the viewer may see, with ward, category and assignee joined. */
  private visible(viewer: CaseViewer): SelectQueryBuilder<Case> {
    const query = this.cases
      .query(A)
      .leftJoinAndSelect(`${A}.ward`, 'ward')
      .leftJoinAndSelect(`${A}.category`, 'category')
      .leftJoinAndSelect(`${A}.assignee`, 'assignee');
    return restrictToVisibleCases(query, A, viewer);
  }

  async list(query: ListCasesQuery, viewer: CaseViewer): Promise<Page<CaseResponse>> {
    const page = await paginate(applyCaseFilters(this.visible(viewer), query), query, caseSortSpec(!!query.search));
    return { items: page.items.map(toCaseResponse), pagination: page.pagination };
  }

  async get(id: string, viewer: CaseViewer): Promise<CaseDetailResponse> {
    if (!isUuid(id)) throw caseNotFound();
    const row = await this.visible(viewer).andWhere(`${A}.id = :id`, { id }).getOne();
    if (!row) throw caseNotFound();
    const latest = await this.events
      .query('event')
      .andWhere('event.caseId = :caseId', { caseId: row.id })
      .orderBy('event.seq', 'DESC')
      .limit(EMBEDDED_TIMELINE + 1)
      .getMany();
    return {
      ...toCaseResponse(row),
      timeline: latest.slice(0, EMBEDDED_TIMELINE).toReversed().map(toTimelineEntry),
      timelineTruncated: latest.length > EMBEDDED_TIMELINE,
    };
  }

  /** Every timeline entry of a case the viewer may see, paged oldest first. */
  async timeline(id: string, query: ListQueryDto, viewer: CaseViewer): Promise<Page<TimelineEntry>> {
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

  async create(input: CreateCaseDto, viewer: CaseViewer, actor: Actor): Promise<CaseDetailResponse> {
    const assigneeId =
      input.assigneeId === undefined && viewer.role === 'caseworker' ? viewer.userId : input.assigneeId;
    await this.checkReferences({ ...input, assigneeId });
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
    await this.record(row.id, 'created', actor, { reference, status: 'open' });
    if (row.assigneeId) await this.record(row.id, 'assigned', actor, { from: null, to: row.assigneeId });
    return this.get(row.id, { userId: viewer.userId, role: 'admin' });
  }

  async update(
    id: string,
    patch: UpdateCaseDto,
    expectedVersion: number | undefined,
    viewer: CaseViewer,
    actor: Actor,
  ): Promise<CaseDetailResponse> {
    const current = await this.cases.findForUpdate(id, (query, alias) => restrictToVisibleCases(query, alias, viewer));
    if (!current) throw caseNotFound();
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw versionMismatch(current.version);
    await this.checkReferences(patch);

    const change = applyCasePatch(current, patch, new Date());
    if (isNoChange(change)) return this.get(id, viewer);

    await this.cases.save(change.next);
    if (change.statusMove) await this.record(id, 'status_changed', actor, { ...change.statusMove });
    if (change.assigneeMove) await this.record(id, 'assigned', actor, { ...change.assigneeMove });
    if (Object.keys(change.changes).length > 0) await this.record(id, 'updated', actor, { changes: change.changes });
    // A caseworker who hands a case on may no longer read it; the response still shows the result.
    return this.get(id, { userId: viewer.userId, role: 'admin' });
  }

  async addNote(id: string, note: AddNoteDto, viewer: CaseViewer, actor: Actor): Promise<CaseDetailResponse> {
    const current = await this.cases.findForUpdate(id, (query, alias) => restrictToVisibleCases(query, alias, viewer));
    if (!current) throw caseNotFound();
    current.updatedAt = new Date();
    await this.cases.save(current);
    await this.record(id, 'note_added', actor, { body: note.body, internal: note.internal ?? true });
    return this.get(id, viewer);
  }

  /**
   * Every matching case, in keyset batches, each batch its own short tenant transaction: the
   * export streams in constant memory however many cases match.
   */
  async *export(filters: CaseFilters, viewer: CaseViewer): AsyncGenerator<CaseResponse> {
    const tenantId = this.tenant.tenantId;
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const batch = await this.tenant.run(tenantId, () =>
        this.transaction.run(() => {
          const query = applyCaseFilters(this.visible(viewer), filters)
            .orderBy(`${A}.createdAt`, 'DESC')
            .addOrderBy(`${A}.id`, 'DESC')
            .limit(EXPORT_BATCH);
          if (after) {
            query.andWhere(`(${A}.createdAt, ${A}.id) < (:afterCreatedAt, :afterId)`, {
              afterCreatedAt: after.createdAt,
              afterId: after.id,
            });
          }
          return query.getMany();
        }),
      );
      for (const row of batch) yield toCaseResponse(row);
      if (batch.length < EXPORT_BATCH) return;
      const last = batch[batch.length - 1];
      after = { createdAt: last.createdAt, id: last.id };
    }
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

  private record(caseId: string, type: CaseEventType, actor: Actor, data: Record<string, unknown>) {
    return this.events.insert({
      caseId,
      type,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      actorOwnerId: actor.ownerId,
      actorOwnerName: actor.ownerName,
      data,
    });
  }
}
