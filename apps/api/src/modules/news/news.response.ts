import { ApiProperty } from '@nestjs/swagger';
import type { NewsItem } from '@wardline/database';
import { PaginationResponse } from '../../shared/pagination.response';
import { CreatedByResponse } from '../../shared/publishing/created-by';

export class NewsResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'New crossing for Mill Lane approved' }) title!: string;
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ description: 'Drafts are false until approved' }) approved!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set on the first approval; never moves',
  })
  publishedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) wardIds!: string[];
  @ApiProperty({ type: CreatedByResponse }) createdBy!: CreatedByResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class NewsListResponse {
  @ApiProperty({ type: NewsResponse, isArray: true }) news!: NewsResponse[];
  @ApiProperty({ type: PaginationResponse }) pagination!: PaginationResponse;
}

export function toNewsResponse(item: NewsItem, createdBy: CreatedByResponse): NewsResponse {
  return {
    id: item.id,
    title: item.title,
    summary: item.summary,
    body: item.body,
    source: item.source,
    approved: item.approved,
    publishedAt: item.publishedAt?.toISOString() ?? null,
    wardIds: item.wardIds,
    createdBy,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}
