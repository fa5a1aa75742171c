import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNonNull, SLUG_PATTERN, Trim } from '@wardline/common';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';

export class CreateCategoryDto {
  @ApiProperty({ example: 'Street Lighting', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    example: 'street-lighting',
    description: 'Unique in the tenant; derived from name if absent',
  })
  @IsOptionalNonNull()
  @IsString()
  @Length(1, 64)
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase letters, digits and single dashes' })
  slug?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A category of this tenant' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 365, description: 'Days to resolve' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  slaDays?: number | null;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNonNull()
  @IsBoolean()
  enabled?: boolean;
}
