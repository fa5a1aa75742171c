import { ApiProperty } from '@nestjs/swagger';
import { ACTOR_TYPES, type ActorType, type AuditLog } from '@wardline/database';
import { PaginationResponse } from '../../shared/pagination.response';

export class AuditActorOwner {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class AuditActor {
  @ApiProperty({ enum: ACTOR_TYPES }) type!: ActorType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) id!: string | null;
  @ApiProperty({ description: 'Key name, user name, or what the system ran as (e.g. "cli:alice")' }) name!: string;
  @ApiProperty({ type: String, nullable: true, description: "An API key's prefix" }) prefix!: string | null;
  @ApiProperty({ type: AuditActorOwner, nullable: true, description: "An API key's owner" })
  owner!: AuditActorOwner | null;
}

export class AuditChanges {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) after!: Record<string, unknown> | null;
}

export class AuditLogResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: AuditActor }) actor!: AuditActor;
  @ApiProperty({ example: 'case.status_changed' }) action!: string;
  @ApiProperty({ example: 'case' }) resourceType!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) resourceId!: string | null;
  @ApiProperty({
    type: AuditChanges,
    description: 'Only the changed fields; resident contact details and note bodies read "[redacted]"',
  })
  changes!: AuditChanges;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
}

export class AuditLogListResponse {
  @ApiProperty({ type: AuditLogResponse, isArray: true }) auditLogs!: AuditLogResponse[];
  @ApiProperty({ type: PaginationResponse }) pagination!: PaginationResponse;
}

export const toAuditLogResponse = (entry: AuditLog): AuditLogResponse => ({
  id: entry.id,
  occurredAt: entry.occurredAt.toISOString(),
  actor: {
    type: entry.actorType,
    id: entry.actorId,
    name: entry.actorName,
    prefix: entry.actorPrefix,
    owner: entry.actorOwnerId ? { id: entry.actorOwnerId, name: entry.actorOwnerName ?? '' } : null,
  },
  action: entry.action,
  resourceType: entry.resourceType,
  resourceId: entry.resourceId,
  changes: { before: entry.changes.before ?? null, after: entry.changes.after ?? null },
  requestId: entry.requestId,
  ip: entry.ip,
  userAgent: entry.userAgent,
});
