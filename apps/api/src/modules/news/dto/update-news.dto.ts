import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptionalNonNull } from '@wardline/common';
import { IsBoolean } from 'class-validator';
import { CreateNewsDto } from './create-news.dto';

export class UpdateNewsDto extends PartialType(OmitType(CreateNewsDto, ['approved'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({
    description: 'true approves (and on the first approval publishes) the item; false withdraws it',
  })
  @IsOptionalNonNull()
  @IsBoolean()
  approved?: boolean;
}
