import { ApiPropertyOptional } from '@nestjs/swagger';
import { ListQueryDto, QueryBoolean } from '@wardline/common';
import { IsBoolean, IsOptional } from 'class-validator';

export class ListNewsQuery extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Only approved (true) or draft (false) items' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  approved?: boolean;
}
