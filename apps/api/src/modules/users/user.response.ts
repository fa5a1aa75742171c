import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@wardline/database';
import { PaginationResponse } from '../../shared/pagination.response';

/** A user as the API shows one (built by `toUserView` in libs/accounts): never a secret. */
export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, format: 'uuid', isArray: true, description: 'Wards the user serves' })
  wardIds!: string[];
  @ApiProperty({ type: String, nullable: true }) party!: string | null;
  @ApiProperty({ type: String, format: 'email', nullable: true }) publicEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UserListResponse {
  @ApiProperty({ type: UserResponse, isArray: true }) users!: UserResponse[];
  @ApiProperty({ type: PaginationResponse }) pagination!: PaginationResponse;
}
