import { ApiProperty } from '@nestjs/swagger';

/** The answer of a DELETE (contract §4). */
export class SuccessResponse {
  @ApiProperty({ example: true }) success!: true;
}

export const SUCCESS: SuccessResponse = { success: true };
