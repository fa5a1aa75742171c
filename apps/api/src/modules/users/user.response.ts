import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role, type User } from '@wardline/database';
import { PaginationResponse } from '../../shared/pagination.response';

/** A user as the API shows one: never the password hash or any other secret. */
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

/** Copies exactly the contract's fields: anything else on the entity stays behind. */
export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    enabled: user.enabled,
    wardIds: user.wardIds,
    party: user.party,
    publicEmail: user.publicEmail,
    bio: user.bio,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
