import { ApiProperty } from '@nestjs/swagger';
import { CaseResponse, NoteAddedEntry } from '../cases/case.response';

export const RESIDENT_MATCH_KINDS = ['email', 'phone', 'postcode+name'] as const;

export class ResidentCase extends CaseResponse {
  @ApiProperty({ type: NoteAddedEntry, isArray: true, description: 'The notes of the case, oldest first' })
  notes!: NoteAddedEntry[];
}

export class ResidentExportResponse {
  @ApiProperty({ enum: RESIDENT_MATCH_KINDS }) matchedBy!: string;
  @ApiProperty({ type: ResidentCase, isArray: true, description: 'Every case holding the resident’s details' })
  cases!: ResidentCase[];
}

export class ResidentErasureResponse {
  @ApiProperty({ enum: RESIDENT_MATCH_KINDS }) matchedBy!: string;
  @ApiProperty({ type: 'integer', description: 'Cases anonymised' }) cases!: number;
  @ApiProperty({ type: 'integer', description: 'Timeline entries (notes, recorded changes) rewritten' })
  timelineEntries!: number;
}
