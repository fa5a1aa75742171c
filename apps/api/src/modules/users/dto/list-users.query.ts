import { ApiPropertyOptional } from '@nestjs/swagger';
import { ListQueryDto, QueryBoolean } from '@wardline/common';
import { ROLES, type Role } from '@wardline/database';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';

export class ListUsersQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'Only users with this role' })
  @IsOptional()
  @IsEnum(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'Only enabled (true) or disabled (false) users' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  enabled?: boolean;
}
