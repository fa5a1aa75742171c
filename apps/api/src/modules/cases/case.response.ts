import { ApiProperty } from '@nestjs/swagger';
import {
  ACTOR_TYPES,
  type ActorType,
  CASE_EVENT_TYPES,
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

export class TimelineEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CASE_EVENT_TYPES }) type!: CaseEventType;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: TimelineActor }) actor!: TimelineActor;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What changed' })
  data!: Record<string, unknown>;
}

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
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CaseDetailResponse extends CaseResponse {
  @ApiProperty({
    type: TimelineEntry,
    isArray: true,
    description: 'The latest 50 entries, oldest first; all of them at `GET /api/cases/{id}/timeline`',
  })
  timeline!: TimelineEntry[];

  @ApiProperty({ description: 'true when the case has more timeline entries than embedded here' })
  timelineTruncated!: boolean;
}

export class CaseTimelineResponse {
  @ApiProperty({ type: TimelineEntry, isArray: true }) timeline!: TimelineEntry[];
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

export const toTimelineEntry = (event: CaseEvent): TimelineEntry => ({
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
});
