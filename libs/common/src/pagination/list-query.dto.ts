import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** One message whatever is wrong with the number (not a number, a fraction, out of range). */
const PAGE_MESSAGE = 'page must be a whole number, 1 or more';
const PAGE_SIZE_MESSAGE = `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** Paging and sorting shared by every list route (contract §3). */
export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: 'Page number (page mode)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: PAGE_MESSAGE })
  @Min(1, { message: PAGE_MESSAGE })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: PAGE_SIZE_MESSAGE })
  @Min(1, { message: PAGE_SIZE_MESSAGE })
  @Max(MAX_PAGE_SIZE, { message: PAGE_SIZE_MESSAGE })
  pageSize?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous `nextCursor` (cursor mode)' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;

  @ApiPropertyOptional({ description: '`field` ascending or `-field` descending; see the route' })
  @IsOptional()
  @IsString()
  @Matches(/^-?[A-Za-z]+$/, { message: 'sort must be a field name, or a field name after "-" for descending order' })
  sort?: string;
}
