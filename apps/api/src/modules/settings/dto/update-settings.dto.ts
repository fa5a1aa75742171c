import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNonNull, Trim } from '@wardline/common';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class RetentionSettingsDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 120,
    example: 24,
    description: 'Months after closure before a case is anonymised; null keeps cases as they are',
  })
  @IsOptional()
  @IsInt()
  anonymiseClosedCasesAfterMonths?: number | null;
}

/**
 * Types are checked here (400); the domain rules — ranges, a real time zone, the prefix —
 * in `settingsRuleBreaches` (422).
 */
export class UpdateSettingsDto {
  @ApiPropertyOptional({ example: 'Riverford District Council', minLength: 1, maxLength: 200 })
  @IsOptionalNonNull()
  @Trim()
  @IsString()
  @MaxLength(1000)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/London', description: 'An IANA time zone' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(100)
  timezone?: string;

  @ApiPropertyOptional({ example: 'en-GB', description: 'A BCP 47 language tag' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(100)
  locale?: string;

  @ApiPropertyOptional({
    example: 'RDC',
    pattern: '^[A-Z]{2,6}$',
    description: 'New cases take it at once; existing references never change',
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(100)
  caseReferencePrefix?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, example: 20 })
  @IsOptionalNonNull()
  @IsInt()
  defaultSlaDays?: number;

  @ApiPropertyOptional({ description: 'Opens `POST /api/public/{slug}/cases`' })
  @IsOptionalNonNull()
  @IsBoolean()
  publicFormEnabled?: boolean;

  @ApiPropertyOptional({ type: RetentionSettingsDto })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => RetentionSettingsDto)
  retention?: RetentionSettingsDto;
}
