import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import {
  ACTOR_TYPES,
  type ActorType,
  CASE_PRIORITIES,
  CASE_STATUSES,
  type Case,
  type CaseEvent,
  type CaseEventType,
  type CasePriority,
  type CaseStatus,
  ROLES,
  type Role,
  SOURCE_CHANNELS,
  type SourceChannel,
} from '@wardline/database';
import { PaginationResponse } from '../../shared/pagination.response';
import { caseRowResponse } from './case-rows';

export class NamedRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class AssigneeRef extends NamedRef {
  @ApiProperty({ enum: ROLES }) role!: Role;
}

export class TimelineActor {
  @ApiProperty({ enum: ACTOR_TYPES }) type!: ActorType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) id!: string | null;
  @ApiProperty({ description: 'For an API key: the key name' }) name!: string;
  @ApiProperty({ type: NamedRef, nullable: true, description: "The key's owner" }) owner!: NamedRef | null;
}

class TimelineEntryBase {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time', example: '2026-01-15T10:30:00.000Z' }) at!: string;
  @ApiProperty({ type: TimelineActor }) actor!: TimelineActor;
}

export class CreatedData {
  @ApiProperty({ example: 'CW-2026-0042' }) reference!: string;
  @ApiProperty({ enum: ['open'] }) status!: 'open';
}

export class CreatedEntry extends TimelineEntryBase {
  @ApiProperty({ enum: ['created'] }) type!: 'created';
  @ApiProperty({ type: CreatedData }) data!: CreatedData;
}

export class StatusChangedData {
  @ApiProperty({ enum: CASE_STATUSES, example: 'open' }) from!: CaseStatus;
  @ApiProperty({ enum: CASE_STATUSES, example: 'in_progress' }) to!: CaseStatus;
}

export class StatusChangedEntry extends TimelineEntryBase {
  @ApiProperty({ enum: ['status_changed'] }) type!: 'status_changed';
  @ApiProperty({ type: StatusChangedData }) data!: StatusChangedData;
}

/** A user as the timeline recorded them: id and name at the time. */
export class UserRef extends NamedRef {}

export class AssignedData {
  @ApiProperty({ type: UserRef, nullable: true, description: 'The assignee before; null when unassigned' })
  from!: UserRef | null;
  @ApiProperty({ type: UserRef, nullable: true, description: 'The assignee after; null when unassigned' })
  to!: UserRef | null;
}

export class AssignedEntry extends TimelineEntryBase {
  @ApiProperty({ enum: ['assigned'] }) type!: 'assigned';
  @ApiProperty({ type: AssignedData }) data!: AssignedData;
}

export class NoteAddedData {
  @ApiProperty({ example: 'Called the resident; the crew visits on Friday.' }) body!: string;
  @ApiProperty({ description: 'Internal notes are for staff only' }) internal!: boolean;
}

export class NoteAddedEntry extends TimelineEntryBase {
  @ApiProperty({ enum: ['note_added'] }) type!: 'note_added';
  @ApiProperty({ type: NoteAddedData }) data!: NoteAddedData;
}

/** One field's move in an `updated` entry: any JSON value on either side. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

const FIELD_CHANGE_SCHEMA = {
  type: 'object',
  required: ['from', 'to'],
  properties: { from: { description: 'The value before (any JSON value)' }, to: { description: 'The value after' } },
};

export class UpdatedData {
  @ApiProperty({
    type: 'object',
    additionalProperties: FIELD_CHANGE_SCHEMA,
    description: 'Each changed field (summary, priority, wardId, dueAt...) with its value before and after',
    example: { priority: { from: 'normal', to: 'high' } },
  })
  changes!: Record<string, FieldChange>;
}

export class UpdatedEntry extends TimelineEntryBase {
  @ApiProperty({ enum: ['updated'] }) type!: 'updated';
  @ApiProperty({ type: UpdatedData }) data!: UpdatedData;
}

export type TimelineEntry = CreatedEntry | StatusChangedEntry | AssignedEntry | NoteAddedEntry | UpdatedEntry;

const TIMELINE_ENTRY_CLASSES = {
  created: CreatedEntry,
  status_changed: StatusChangedEntry,
  assigned: AssignedEntry,
  note_added: NoteAddedEntry,
  updated: UpdatedEntry,
} satisfies Record<CaseEventType, unknown>;

/** The schemas a timeline entry's `oneOf` names: declare with `@ApiExtraModels(...TIMELINE_MODELS)`. */
export const TIMELINE_MODELS = Object.values(TIMELINE_ENTRY_CLASSES);

/** A timeline entry: one shape per `type`, told apart by `type`. */
const TIMELINE_ENTRY_SCHEMA = {
  oneOf: Object.values(TIMELINE_ENTRY_CLASSES).map((model) => ({ $ref: getSchemaPath(model) })),
  discriminator: {
    propertyName: 'type',
    mapping: Object.fromEntries(
      Object.entries(TIMELINE_ENTRY_CLASSES).map(([type, model]) => [type, getSchemaPath(model)]),
    ),
  },
};

export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CW-2026-0042' }) reference!: string;
  @ApiProperty({ type: String, nullable: true }) internalRef!: string | null;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
  @ApiProperty({ enum: CASE_PRIORITIES }) priority!: CasePriority;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, nullable: true }) residentName!: string | null;
  @ApiProperty({ type: String, nullable: true }) residentEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) residentPhone!: string | null;
  @ApiProperty({ type: String, nullable: true }) residentAddress!: string | null;
  @ApiProperty({ type: String, nullable: true }) residentPostcode!: string | null;
  @ApiProperty({ enum: SOURCE_CHANNELS }) sourceChannel!: SourceChannel;
  @ApiProperty() archived!: boolean;
  @ApiProperty() highlightedForPublic!: boolean;
  @ApiProperty({ type: String, nullable: true }) publicSummary!: string | null;
  @ApiProperty({ type: String, isArray: true }) publicThemes!: string[];
  @ApiProperty({ type: String, isArray: true }) tags!: string[];
  @ApiProperty({ type: NamedRef, nullable: true }) ward!: NamedRef | null;
  @ApiProperty({ type: NamedRef, nullable: true }) category!: NamedRef | null;
  @ApiProperty({ type: AssigneeRef, nullable: true }) assignee!: AssigneeRef | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstResponseAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

@ApiExtraModels(...TIMELINE_MODELS)
export class CaseDetailResponse extends CaseResponse {
  @ApiProperty({
    type: 'array',
    items: TIMELINE_ENTRY_SCHEMA,
    description: 'The latest 50 entries, oldest first; all of them at `GET /api/cases/{id}/timeline`',
  })
  timeline!: TimelineEntry[];

  @ApiProperty({ description: 'true when the case has more timeline entries than embedded here' })
  timelineTruncated!: boolean;
}

@ApiExtraModels(...TIMELINE_MODELS)
export class CaseTimelineResponse {
  @ApiProperty({ type: 'array', items: TIMELINE_ENTRY_SCHEMA }) timeline!: TimelineEntry[];
  @ApiProperty({ type: PaginationResponse }) pagination!: PaginationResponse;
}

export class CaseListResponse {
  @ApiProperty({ type: CaseResponse, isArray: true }) cases!: CaseResponse[];
  @ApiProperty({ type: PaginationResponse }) pagination!: PaginationResponse;
  @ApiProperty({ required: false, description: 'Present (true) when `search` was given' }) searchActive?: boolean;
}

/** Needs `ward`, `category` and `assignee` joined. */
export function toCaseResponse(row: Case): CaseResponse {
  return caseRowResponse({
    ...row,
    wardId: row.ward?.id ?? null,
    wardName: row.ward?.name ?? null,
    categoryId: row.category?.id ?? null,
    categoryName: row.category?.name ?? null,
    assigneeId: row.assignee?.id ?? null,
    assigneeName: row.assignee?.name ?? null,
    assigneeRole: row.assignee?.role ?? null,
  });
}

/** The stored entry as its `type`'s shape (the ChangeRecorder wrote `data` in that shape). */
export const toTimelineEntry = <T extends TimelineEntry = TimelineEntry>(event: CaseEvent): T =>
  ({
    id: event.id,
    type: event.type,
    at: event.at.toISOString(),
    actor: {
      type: event.actorType,
      id: event.actorId,
      name: event.actorName,
      owner: event.actorOwnerId ? { id: event.actorOwnerId, name: event.actorOwnerName ?? '' } : null,
    },
    data: event.data,
  }) as unknown as T;
