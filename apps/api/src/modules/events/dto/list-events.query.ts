import { ApiPropertyOptional } from '@nestjs/swagger';
import { ListQueryDto, QueryBoolean } from '@wardline/common';
import { EVENT_TYPES, type EventType } from '@wardline/database';
import { IsBoolean, IsEnum, IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class ListEventsQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsEnum(EVENT_TYPES, { message: `type must be one of: ${EVENT_TYPES.join(', ')}` })
  type?: EventType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  wardId?: string;

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
