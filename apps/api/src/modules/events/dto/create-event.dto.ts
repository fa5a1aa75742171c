import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOneOf, IsOptionalNonNull, IsRfc3339DateTime, OptionalText, Trim } from '@wardline/common';
import { EVENT_TYPES, type EventType } from '@wardline/database';
import { IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class CreateEventDto {
  @ApiProperty({ example: 'Ward surgery at Mill Lane library', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @OptionalText(5000)
  description?: string | null;

  @ApiProperty({ enum: EVENT_TYPES, example: 'surgery' })
  @IsOneOf(EVENT_TYPES)
  type!: EventType;

  @ApiProperty({ format: 'date-time', example: '2030-06-13T18:00:00.000Z', description: 'Not in the past' })
  @IsRfc3339DateTime()
  startsAt!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2030-06-13T19:30:00.000Z',
    description: 'After startsAt',
  })
  @IsOptional()
  @IsRfc3339DateTime()
  endsAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, example: 'Mill Lane library, Room 2' })
  @OptionalText(500)
  location?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A ward of this tenant' })
  @IsOptional()
  @IsUUID()
  wardId?: string | null;

  @ApiPropertyOptional({
    description: 'Accepted and ignored: a new event is always a draft (`approved: false`) until approved',
  })
  @IsOptionalNonNull()
  @IsBoolean()
  approved?: boolean;
}
