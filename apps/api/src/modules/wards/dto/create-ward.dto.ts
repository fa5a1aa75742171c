import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNonNull, Trim, IsOneOf } from '@wardline/common';
import { COUNCIL_TIERS, type CouncilTier } from '@wardline/database';
import {
  IsBoolean,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';

export class CreateWardDto {
  @ApiProperty({ example: 'Harbourside', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'E05015120', description: 'ONS GSS code' })
  @IsOptional()
  @IsString()
  @Matches(/^[EWSN]\d{8}$/, { message: 'gssCode must be a GSS code such as E05011234' })
  gssCode?: string | null;

  @ApiPropertyOptional({ enum: COUNCIL_TIERS, nullable: true })
  @IsOptional()
  @IsOneOf(COUNCIL_TIERS)
  councilTier?: CouncilTier | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  boundaryDescription?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -90, maximum: 90 })
  @IsOptional()
  @IsNumber()
  @IsLatitude()
  latitude?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -180, maximum: 180 })
  @IsOptional()
  @IsNumber()
  @IsLongitude()
  longitude?: number | null;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNonNull()
  @IsBoolean()
  enabled?: boolean;
}
