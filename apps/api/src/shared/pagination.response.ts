import { ApiProperty } from '@nestjs/swagger';

export class PaginationResponse {
  @ApiProperty({ type: 'integer', nullable: true, description: 'null in cursor mode' }) page!: number | null;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null in cursor mode' }) total!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null in cursor mode' }) totalPages!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
}
