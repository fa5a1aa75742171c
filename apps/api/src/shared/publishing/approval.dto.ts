import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

export const MAX_APPROVE_IDS = 100;

export class ApproveIdsDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    minItems: 1,
    maxItems: MAX_APPROVE_IDS,
    example: ['6f1c1d5e-3b9a-4f51-9a57-1d2f0c8e4b21'],
    description: 'Ids to approve; unknown, already approved and other councils’ ids are ignored',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_APPROVE_IDS)
  @IsUUID('all', { each: true, message: 'each id must be a UUID' })
  ids!: string[];
}

export class ApprovedCountResponse {
  @ApiProperty({
    type: 'integer',
    example: 2,
    description: 'How many of the ids were approved by this request (0 on a repeat)',
  })
  approved!: number;
}
