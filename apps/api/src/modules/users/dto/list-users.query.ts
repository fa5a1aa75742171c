import { ApiPropertyOptional } from '@nestjs/swagger';
import { ListQueryDto, OneOrMoreOf, QueryBoolean } from '@wardline/common';
import { ROLES, type Role } from '@wardline/database';
import { IsBoolean, IsOptional } from 'class-validator';

export class ListUsersQuery extends ListQueryDto {
  @OneOrMoreOf(ROLES)
  role?: Role[];

  @ApiPropertyOptional({ description: 'Only enabled (true) or disabled (false) users' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  enabled?: boolean;
}
