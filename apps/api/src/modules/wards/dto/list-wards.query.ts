import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { ExportFormatQuery, ListQueryDto, QueryBoolean } from '@wardline/common';
import { IsBoolean, IsOptional } from 'class-validator';

export class WardFilters {
  @ApiPropertyOptional({ description: 'Only enabled (true) or disabled (false) wards' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  enabled?: boolean;
}

export class ListWardsQuery extends IntersectionType(ListQueryDto, WardFilters) {}

export class ExportWardsQuery extends IntersectionType(ExportFormatQuery, WardFilters) {}
