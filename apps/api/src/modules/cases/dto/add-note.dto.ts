import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNonNull, Trim } from '@wardline/common';
import { IsBoolean, IsString, Length } from 'class-validator';

export class AddNoteDto {
  @ApiProperty({ maxLength: 20000, example: 'Called the resident; highways will inspect on Friday.' })
  @Trim()
  @IsString()
  @Length(1, 20000)
  body!: string;

  @ApiPropertyOptional({ default: true, description: 'Internal notes are for staff only' })
  @IsOptionalNonNull()
  @IsBoolean()
  internal?: boolean;
}
