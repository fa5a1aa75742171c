import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptionalNonNull } from '@wardline/common';
import { CASE_STATUSES, type CaseStatus } from '@wardline/database';
import { IsBoolean, IsEnum } from 'class-validator';
import { CreateCaseDto } from './create-case.dto';

export class UpdateCaseDto extends PartialType(CreateCaseDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({
    enum: CASE_STATUSES,
    description:
      'open → in_progress | awaiting_response | resolved | closed; in_progress ↔ awaiting_response; ' +
      'in_progress | awaiting_response → resolved | closed; resolved → closed | open; closed → open. Others: 422.',
  })
  @IsOptionalNonNull()
  @IsEnum(CASE_STATUSES, { message: `status must be one of: ${CASE_STATUSES.join(', ')}` })
  status?: CaseStatus;

  @ApiPropertyOptional()
  @IsOptionalNonNull()
  @IsBoolean()
  archived?: boolean;
}
