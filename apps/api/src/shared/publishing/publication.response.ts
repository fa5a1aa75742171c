import { ApiProperty } from '@nestjs/swagger';
import { CreatedByResponse } from './created-by';
import type { Publishable } from './publication';

/** The fields events and news share: their approval, publication and authorship. */
export class PublicationResponse {
  @ApiProperty({ description: 'Drafts are false until approved' }) approved!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set on the first approval; never moves',
  })
  publishedAt!: string | null;
  @ApiProperty({ type: CreatedByResponse }) createdBy!: CreatedByResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toPublicationResponse(
  row: Publishable & { createdAt: Date; updatedAt: Date },
  createdBy: CreatedByResponse,
): PublicationResponse {
  return {
    approved: row.approved,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
