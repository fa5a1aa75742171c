import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNonNull, OptionalText, Trim } from '@wardline/common';
import { ArrayMaxSize, IsArray, IsBoolean, IsString, IsUUID, Length } from 'class-validator';

export const MAX_NEWS_WARDS = 50;

export class CreateNewsDto {
  @ApiProperty({ example: 'New crossing for Mill Lane approved', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, example: 'Work starts in March.' })
  @OptionalText(1000)
  summary?: string | null;

  @ApiProperty({ maxLength: 50000, example: 'After two years of campaigning by residents, ...' })
  @IsString()
  @Length(1, 50000)
  body!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, example: 'Cabinet minutes, 12 January' })
  @OptionalText(500)
  source?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    isArray: true,
    maxItems: MAX_NEWS_WARDS,
    default: [],
    description: 'Wards of this council the item concerns',
  })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(MAX_NEWS_WARDS)
  @IsUUID('all', { each: true, message: 'each wardId must be a UUID' })
  wardIds?: string[];

  @ApiPropertyOptional({ description: 'Accepted and ignored: a new item is always a draft (`approved: false`)' })
  @IsOptionalNonNull()
  @IsBoolean()
  approved?: boolean;
}
