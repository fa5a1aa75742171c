import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  ExportFormatQuery,
  IsBoundedSearch,
  ListQueryDto,
  OneOrMoreIds,
  OneOrMoreOf,
  QueryBoolean,
} from '@wardline/common';
import {
  CASE_PRIORITIES,
  CASE_STATUSES,
  type CasePriority,
  type CaseStatus,
  SOURCE_CHANNELS,
  type SourceChannel,
} from '@wardline/database';
import { IsBoolean, IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class CaseFilters {
  @OneOrMoreOf(CASE_STATUSES)
  status?: CaseStatus[];

  @OneOrMoreIds()
  wardId?: string[];

  @OneOrMoreIds()
  categoryId?: string[];

  @OneOrMoreIds()
  assigneeId?: string[];

  @OneOrMoreOf(CASE_PRIORITIES)
  priority?: CasePriority[];

  @OneOrMoreOf(SOURCE_CHANNELS)
  sourceChannel?: SourceChannel[];

  @ApiPropertyOptional({ default: false, description: 'Archived cases instead of current ones' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Changed at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedSince?: string;

  @ApiPropertyOptional({
    description:
      'Ranked full-text search over reference, summary, description, resident name, email and postcode; ' +
      'at most 8 words and 5 operators (`or`, `-word`, `"phrase"`)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsBoundedSearch()
  search?: string;
}

export class ListCasesQuery extends IntersectionType(ListQueryDto, CaseFilters) {}

export class ExportCasesQuery extends IntersectionType(ExportFormatQuery, CaseFilters) {}
