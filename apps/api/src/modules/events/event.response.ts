import { ApiProperty } from '@nestjs/swagger';
import { EVENT_TYPES, type EventType, type PublicEvent } from '@wardline/database';
import { PaginationResponse } from '../../shared/pagination.response';
import type { CreatedByResponse } from '../../shared/publishing/created-by';
import { PublicationResponse, toPublicationResponse } from '../../shared/publishing/publication.response';

export class EventResponse extends PublicationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ward surgery at Mill Lane library' }) title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: EVENT_TYPES, example: 'surgery' }) type!: EventType;
  @ApiProperty({ format: 'date-time', example: '2027-01-15T18:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-15T19:30:00.000Z' })
  endsAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Mill Lane library, Room 2' }) location!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) wardId!: string | null;
  @ApiProperty({ description: 'Cancelled events stay listed' }) cancelled!: boolean;
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
    cancelled: event.cancelled,
    ...toPublicationResponse(event, createdBy),
  };
}
