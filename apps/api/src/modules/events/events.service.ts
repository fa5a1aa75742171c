import { Injectable } from '@nestjs/common';
import { PrincipalContext } from '@wardline/auth';
import { ChangeRecorder } from '@wardline/changes';
import {
  ApiError,
  type Page,
  paginate,
  type SortSpec,
  versioned,
  type Versioned,
  versionMismatch,
} from '@wardline/common';
import { PublicEvent, User, Ward } from '@wardline/database';
import { InjectTenantRepository, TenantRepository, updatedOrThrow } from '@wardline/tenancy';
import type { DeepPartial } from 'typeorm';
import { authorIn, authorsOf } from '../../shared/publishing/created-by';
import { requireKnownWards } from '../../shared/publishing/known-wards';
import { approvalPatch, approveMany } from '../../shared/publishing/publication';
import { SUCCESS, type SuccessResponse } from '../../shared/success.response';
import type { CreateEventDto } from './dto/create-event.dto';
import type { ListEventsQuery } from './dto/list-events.query';
import type { UpdateEventDto } from './dto/update-event.dto';
import { requireValidTimes } from './event-times';
import { type EventResponse, toEventResponse } from './event.response';

const EVENT_SORT: SortSpec<PublicEvent> = {
  fields: {
    startsAt: { expression: 'event.startsAt', type: 'timestamp', value: (event) => event.startsAt.toISOString() },
  },
  defaultSort: 'startsAt',
  idExpression: 'event.id',
  id: (event) => event.id,
};

const eventNotFound = () => ApiError.notFound('Event');

@Injectable()
export class EventsService {
  constructor(
    @InjectTenantRepository(PublicEvent) private readonly events: TenantRepository<PublicEvent>,
    @InjectTenantRepository(User) private readonly users: TenantRepository<User>,
    @InjectTenantRepository(Ward) private readonly wards: TenantRepository<Ward>,
    private readonly recorder: ChangeRecorder,
    private readonly principals: PrincipalContext,
  ) {}

  async list(filters: ListEventsQuery): Promise<Page<EventResponse>> {
    const query = this.events.query('event');
    if (filters.type) query.andWhere('event.type = :type', { type: filters.type });
    if (filters.wardId) query.andWhere('event.wardId = :wardId', { wardId: filters.wardId });
    if (filters.approved !== undefined) query.andWhere('event.approved = :approved', { approved: filters.approved });
    if (filters.from) query.andWhere('event.startsAt >= :from', { from: filters.from });
    if (filters.to) query.andWhere('event.startsAt < :to', { to: filters.to });
    const page = await paginate(query, filters, EVENT_SORT);
    return { items: await this.present(page.items), pagination: page.pagination };
  }

  async get(id: string): Promise<Versioned<EventResponse>> {
    const event = await this.events.findById(id, 'event');
    if (!event) throw eventNotFound();
    return this.presentOne(event);
  }

  async create(input: CreateEventDto): Promise<Versioned<EventResponse>> {
    const { approved: _ignored, ...fields } = input;
    requireValidTimes({ startsAt: fields.startsAt, endsAt: fields.endsAt ?? null }, { startsAtMoved: true });
    if (fields.wardId) await requireKnownWards(this.wards, 'wardId', [fields.wardId]);
    const event = await this.events.insert({
      ...fields,
      startsAt: new Date(fields.startsAt),
      endsAt: fields.endsAt ? new Date(fields.endsAt) : null,
      approved: false,
      publishedAt: null,
      cancelled: false,
      createdById: this.principals.current.owner.id,
    });
    const shown = await this.presentOne(event);
    await this.recorder.record({
      action: 'event.created',
      resourceType: 'event',
      resourceId: event.id,
      after: shown.body,
    });
    return shown;
  }

  async update(id: string, input: UpdateEventDto, expectedVersion?: number): Promise<Versioned<EventResponse>> {
    const current = await this.events.findForUpdate(id);
    if (!current) throw eventNotFound();
    const { approved, startsAt, endsAt, ...fields } = input;
    const patch: DeepPartial<PublicEvent> = { ...fields };
    if (startsAt !== undefined) patch.startsAt = new Date(startsAt);
    if (endsAt !== undefined) patch.endsAt = endsAt === null ? null : new Date(endsAt);
    requireValidTimes(
      {
        startsAt: startsAt ?? current.startsAt.toISOString(),
        endsAt: endsAt === undefined ? (current.endsAt?.toISOString() ?? null) : endsAt,
      },
      { startsAtMoved: startsAt !== undefined && Date.parse(startsAt) !== current.startsAt.getTime() },
    );
    if (fields.wardId) await requireKnownWards(this.wards, 'wardId', [fields.wardId]);
    const approval = approvalPatch(current, approved);
    const outcome = await this.events.update(id, { ...patch, ...approval.patch }, expectedVersion);
    const event = updatedOrThrow(outcome, eventNotFound, (row) => versionMismatch(row.version));
    const shown = await this.presentOne(event);
    if (outcome.kind === 'updated') {
      await this.recorder.record({
        action: approval.patch.approved === true ? 'event.approved' : 'event.updated',
        resourceType: 'event',
        resourceId: id,
        before: toEventResponse(outcome.before, shown.body.createdBy),
        after: shown.body,
        events: approval.firstPublished ? [{ type: 'event_published', data: { event: shown.body } }] : [],
      });
    }
    return shown;
  }

  async delete(id: string): Promise<SuccessResponse> {
    const event = await this.events.findForUpdate(id);
    if (!event) throw eventNotFound();
    const [shown] = await this.present([event]);
    await this.events.delete(id);
    await this.recorder.record({ action: 'event.deleted', resourceType: 'event', resourceId: id, before: shown });
    return SUCCESS;
  }

  /** One audit entry for the request, naming the ids it approved; one outbox row per first publication. */
  async approve(ids: readonly string[]): Promise<{ approved: number }> {
    const result = await approveMany(this.events, ids);
    if (result.approved.length > 0) {
      const published = await this.present(result.firstPublished);
      await this.recorder.record({
        action: 'event.approved',
        resourceType: 'event',
        resourceId: null,
        after: { ids: result.approved.map((event) => event.id), approved: true },
        events: published.map((event) => ({ type: 'event_published', data: { event } })),
      });
    }
    return { approved: result.approved.length };
  }

  private async presentOne(event: PublicEvent): Promise<Versioned<EventResponse>> {
    const [response] = await this.present([event]);
    return versioned(response, event.version);
  }

  private async present(events: PublicEvent[]): Promise<EventResponse[]> {
    const authors = await authorsOf(this.users, events);
    return events.map((event) => toEventResponse(event, authorIn(authors, event.createdById)));
  }
}
