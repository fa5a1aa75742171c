import { ApiPropertyOptional } from '@nestjs/swagger';
import { ListQueryDto, OneOrMoreIds, OneOrMoreOf, QueryBoolean } from '@wardline/common';
import { EVENT_TYPES, type EventType } from '@wardline/database';
import { IsBoolean, IsISO8601, IsOptional } from 'class-validator';

export class ListEventsQuery extends ListQueryDto {
  @OneOrMoreOf(EVENT_TYPES)
  type?: EventType[];

  @OneOrMoreIds()
  wardId?: string[];

  @ApiPropertyOptional({ description: 'Only approved (true) or draft (false) events' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  approved?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'Starting at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Starting before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
