import { ApiPropertyOptional } from '@nestjs/swagger';
import { ListQueryDto, QueryBoolean } from '@wardline/common';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

export class ListCategoriesQuery extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Only enabled (true) or disabled (false) categories' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only children of this category' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}
