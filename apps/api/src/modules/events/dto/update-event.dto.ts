import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptionalNonNull } from '@wardline/common';
import { IsBoolean } from 'class-validator';
import { CreateEventDto } from './create-event.dto';

export class UpdateEventDto extends PartialType(OmitType(CreateEventDto, ['approved'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({
    description: 'true approves (and on the first approval publishes) the event; false withdraws it',
  })
  @IsOptionalNonNull()
  @IsBoolean()
  approved?: boolean;

  @ApiPropertyOptional({ description: 'true cancels the event; it stays listed with `cancelled: true`' })
  @IsOptionalNonNull()
  @IsBoolean()
  cancelled?: boolean;
}
