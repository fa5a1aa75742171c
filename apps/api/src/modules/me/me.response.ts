import { ApiProperty } from '@nestjs/swagger';
import { PLANS, type Plan, ROLES, type Role } from '@wardline/database';
import { SCOPES } from '@wardline/auth';

export class MeTenant {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ enum: PLANS }) plan!: Plan;
}

export class MeKey {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'wl_Ab3dE9xQ' }) prefix!: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class MeUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
}

export class MeResponse {
  @ApiProperty({ type: MeTenant }) tenant!: MeTenant;
  @ApiProperty({ type: MeKey }) key!: MeKey;
  @ApiProperty({ type: MeUser }) user!: MeUser;
  @ApiProperty({ enum: SCOPES, isArray: true, description: "The key's scopes that plan and role allow" })
  effectiveScopes!: string[];
}
