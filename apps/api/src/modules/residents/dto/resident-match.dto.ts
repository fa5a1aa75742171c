import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { EXPORT_FORMATS, type ExportFormat, ExportFormatQuery, Trim } from '@wardline/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** Who a subject access or erasure request is about: an email, a phone, or a postcode with a name. */
export class ResidentMatchQuery {
  @ApiPropertyOptional({
    description: 'Matched without regard to letter case',
    maxLength: 320,
    example: 'ada.lovelace@example.org',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(3, 320)
  email?: string;

  @ApiPropertyOptional({ description: 'Matched on its digits (`+44` counts as a leading `0`)', maxLength: 40 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(3, 40)
  phone?: string;

  @ApiPropertyOptional({ description: 'With `name`; matched without regard to letter case or spacing', maxLength: 10 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(2, 10)
  postcode?: string;

  @ApiPropertyOptional({ description: 'With `postcode`; matched without regard to letter case', maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class EraseResidentDto extends ResidentMatchQuery {
  @ApiProperty({ description: 'The number of matching cases, as `GET /api/residents/export` reports it' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  confirm!: number;
}

/** A subject access request: who, and as JSON (the default) or CSV (`?format=csv` or `Accept: text/csv`). */
export class ResidentExportQuery extends IntersectionType(ResidentMatchQuery, OmitType(ExportFormatQuery, ['format'])) {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'json',
    description: 'Without it, `Accept: text/csv` asks for CSV',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
