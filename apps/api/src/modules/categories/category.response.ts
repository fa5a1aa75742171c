import { ApiProperty } from '@nestjs/swagger';
import type { Category } from '@wardline/database';
import { PaginationResponse } from '../../shared/pagination.response';

export class CategoryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) slaDays!: number | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CategoryListResponse {
  @ApiProperty({ type: CategoryResponse, isArray: true }) categories!: CategoryResponse[];
  @ApiProperty({ type: PaginationResponse }) pagination!: PaginationResponse;
}

export const toCategoryResponse = (category: Category): CategoryResponse => ({
  id: category.id,
  name: category.name,
  slug: category.slug,
  description: category.description,
  parentId: category.parentId,
  slaDays: category.slaDays,
  enabled: category.enabled,
  createdAt: category.createdAt.toISOString(),
  updatedAt: category.updatedAt.toISOString(),
});
