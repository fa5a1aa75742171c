import { Injectable } from '@nestjs/common';
import { PrincipalContext } from '@wardline/auth';
import { ChangeRecorder } from '@wardline/changes';
import { ApiError, type Page, paginate, type SortSpec, type Versioned } from '@wardline/common';
import { PublicEvent, User, Ward } from '@wardline/database';
import { InjectTenantRepository, TenantRepository } from '@wardline/tenancy';
import type { DeepPartial } from 'typeorm';
import { requireKnownWards } from '../../shared/publishing/known-wards';
import { approvalPatch } from '../../shared/publishing/publication';
import { PublicationStore } from '../../shared/publishing/publication-store';
import type { SuccessResponse } from '../../shared/success.response';
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

@Injectable()
export class EventsService {
  private readonly store: PublicationStore<PublicEvent, EventResponse>;

  constructor(
    @InjectTenantRepository(PublicEvent) private readonly events: TenantRepository<PublicEvent>,
    @InjectTenantRepository(User) users: TenantRepository<User>,
    @InjectTenantRepository(Ward) private readonly wards: TenantRepository<Ward>,
    recorder: ChangeRecorder,
    private readonly principals: PrincipalContext,
  ) {
    this.store = new PublicationStore(events, users, recorder, {
      resourceType: 'event',
      publishedEvent: 'event_published',
      toResponse: toEventResponse,
      notFound: () => ApiError.notFound('Event'),
    });
  }

  async list(filters: ListEventsQuery): Promise<Page<EventResponse>> {
    const query = this.events.query('event');
    if (filters.type) query.andWhere('event.type IN (:...type)', { type: filters.type });
    if (filters.wardId) query.andWhere('event.wardId IN (:...wardId)', { wardId: filters.wardId });
    if (filters.approved !== undefined) query.andWhere('event.approved = :approved', { approved: filters.approved });
    if (filters.from) query.andWhere('event.startsAt >= :from', { from: filters.from });
    if (filters.to) query.andWhere('event.startsAt < :to', { to: filters.to });
    const page = await paginate(query, filters, EVENT_SORT);
    return { items: await this.store.present(page.items), pagination: page.pagination };
  }

  get(id: string): Promise<Versioned<EventResponse>> {
    return this.store.get(id);
  }

  async create(input: CreateEventDto): Promise<Versioned<EventResponse>> {
    const { approved: _alwaysADraft, ...fields } = input;
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
    return this.store.recordCreated(event);
  }

  async update(id: string, input: UpdateEventDto, expectedVersion?: number): Promise<Versioned<EventResponse>> {
    const current = await this.store.lock(id);
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
    return this.store.recordUpdated(outcome, approval);
  }

  delete(id: string): Promise<SuccessResponse> {
    return this.store.delete(id);
  }

  approve(ids: readonly string[]): Promise<{ approved: number }> {
    return this.store.approve(ids);
  }
}
