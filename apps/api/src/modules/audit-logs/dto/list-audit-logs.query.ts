import { ApiPropertyOptional } from '@nestjs/swagger';
import { ListQueryDto, OneOrMoreOf } from '@wardline/common';
import { ACTOR_TYPES, type ActorType } from '@wardline/database';
import { IsDateString, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';

export class ListAuditLogsQuery extends ListQueryDto {
  @ApiPropertyOptional({ example: 'case.status_changed', description: 'Only entries of this action' })
  @IsOptional()
  @MaxLength(100)
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'action must look like case.created' })
  action?: string;

  @OneOrMoreOf(ACTOR_TYPES)
  actorType?: ActorType[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The key or user that acted' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'case' })
  @IsOptional()
  @MaxLength(100)
  @Matches(/^[a-z_]+$/, { message: 'resourceType must be lowercase letters and underscores, e.g. api_key' })
  resourceType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  resourceId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this time' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or before this time' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}
