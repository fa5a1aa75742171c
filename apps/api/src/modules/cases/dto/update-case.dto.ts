import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptionalNonNull, IsOneOf } from '@wardline/common';
import { CASE_STATUSES, type CaseStatus } from '@wardline/database';
import { IsBoolean } from 'class-validator';
import { CreateCaseDto } from './create-case.dto';

export class UpdateCaseDto extends PartialType(CreateCaseDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({
    enum: CASE_STATUSES,
    description:
      'open → in_progress | awaiting_response | resolved | closed; in_progress ↔ awaiting_response; ' +
      'in_progress | awaiting_response → resolved | closed; resolved → closed | open; closed → open. Others: 422.',
  })
  @IsOptionalNonNull()
  @IsOneOf(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional()
  @IsOptionalNonNull()
  @IsBoolean()
  archived?: boolean;
}
