import { ApiProperty } from '@nestjs/swagger';
import type { NewsItem } from '@wardline/database';
import { PaginationResponse } from '../../shared/pagination.response';
import type { CreatedByResponse } from '../../shared/publishing/created-by';
import { PublicationResponse, toPublicationResponse } from '../../shared/publishing/publication.response';

export class NewsResponse extends PublicationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'New crossing for Mill Lane approved' }) title!: string;
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) wardIds!: string[];
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
    wardIds: item.wardIds,
    ...toPublicationResponse(item, createdBy),
  };
}
