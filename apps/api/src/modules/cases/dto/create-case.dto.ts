import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsFutureDate,
  IsOptionalNonNull,
  IsRfc3339DateTime,
  NormalisePostcode,
  OptionalText,
  Trim,
  IsOneOf,
} from '@wardline/common';
import { CASE_PRIORITIES, type CasePriority, SOURCE_CHANNELS, type SourceChannel } from '@wardline/database';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';

export class CreateCaseDto {
  @ApiProperty({ example: 'Pothole outside 14 Mill Lane', maxLength: 500 })
  @Trim()
  @IsString()
  @Length(1, 500)
  summary!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 20000 })
  @OptionalText(20000)
  description?: string | null;

  @ApiPropertyOptional({ enum: CASE_PRIORITIES, default: 'normal' })
  @IsOptionalNonNull()
  @IsOneOf(CASE_PRIORITIES)
  priority?: CasePriority;

  @ApiPropertyOptional({ enum: SOURCE_CHANNELS, default: 'api' })
  @IsOptionalNonNull()
  @IsOneOf(SOURCE_CHANNELS)
  sourceChannel?: SourceChannel;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, description: "The council's own reference" })
  @OptionalText(100)
  internalRef?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @OptionalText(200)
  residentName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email' })
  @IsOptional()
  @IsEmail({}, { message: 'residentEmail must be an email address' })
  @MaxLength(320)
  residentEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 })
  @OptionalText(50)
  residentPhone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @OptionalText(500)
  residentAddress?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10, example: 'SW1A 1AA' })
  @NormalisePostcode()
  @OptionalText(10)
  residentPostcode?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptionalNonNull()
  @IsBoolean()
  highlightedForPublic?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @OptionalText(2000)
  publicSummary?: string | null;

  @ApiPropertyOptional({ type: String, isArray: true, maxItems: 20 })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  publicThemes?: string[];

  @ApiPropertyOptional({ type: String, isArray: true, maxItems: 50 })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A ward of this tenant' })
  @IsOptional()
  @IsUUID()
  wardId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A category of this tenant' })
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'An enabled user of this tenant. A caseworker key assigns to its owner when this is left out, ' +
      'and may name no one else (422): it would not see the case.',
  })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    description: "Defaults from the category's slaDays, else the tenant's defaultSlaDays. Must be in the future.",
  })
  @IsOptionalNonNull()
  @IsRfc3339DateTime()
  @IsFutureDate()
  dueAt?: string;
}
