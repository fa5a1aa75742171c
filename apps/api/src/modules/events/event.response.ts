import { ApiProperty } from '@nestjs/swagger';
import { EVENT_TYPES, type EventType, type PublicEvent } from '@wardline/database';
import { PaginationResponse } from '../../shared/pagination.response';
import { CreatedByResponse } from '../../shared/publishing/created-by';

export class EventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ward surgery at Mill Lane library' }) title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: EVENT_TYPES, example: 'surgery' }) type!: EventType;
  @ApiProperty({ format: 'date-time', example: '2027-01-15T18:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-15T19:30:00.000Z' })
  endsAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Mill Lane library, Room 2' }) location!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) wardId!: string | null;
  @ApiProperty({ description: 'Drafts are false until approved' }) approved!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set on the first approval; never moves',
  })
  publishedAt!: string | null;
  @ApiProperty() cancelled!: boolean;
  @ApiProperty({ type: CreatedByResponse }) createdBy!: CreatedByResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class EventListResponse {
  @ApiProperty({ type: EventResponse, isArray: true }) events!: EventResponse[];
  @ApiProperty({ type: PaginationResponse }) pagination!: PaginationResponse;
}

export function toEventResponse(event: PublicEvent, createdBy: CreatedByResponse): EventResponse {
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    type: event.type,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt?.toISOString() ?? null,
    location: event.location,
    wardId: event.wardId,
    approved: event.approved,
    publishedAt: event.publishedAt?.toISOString() ?? null,
    cancelled: event.cancelled,
    createdBy,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
  };
}
