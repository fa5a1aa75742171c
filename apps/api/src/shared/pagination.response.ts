import { ApiProperty } from '@nestjs/swagger';

export class PaginationResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'null in cursor mode' }) page!: number | null;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null in cursor mode' }) total!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null in cursor mode' }) totalPages!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
}
