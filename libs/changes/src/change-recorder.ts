import { Injectable } from '@nestjs/common';
import { AuditLog, CaseEvent, type CaseEventType, OutboxEvent } from '@wardline/database';
import { ActorContext, TenantContext, TenantTransaction } from '@wardline/tenancy';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { auditChanges } from './audit-changes';
import type { WebhookEventType } from './webhook-event-types';
import { fanOutToWebhooks } from './webhook-fan-out';

export interface TimelineEntry {
  caseId: string;
  type: CaseEventType;
  data: Record<string, unknown>;
}

export interface AnnouncedEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** One change, as a service describes it after making it. */
export interface Change {
  /** `<resource>.<verb>`, e.g. `case.status_changed`, `api_key.revoked`. */
  action: string;
  resourceType: string;
  resourceId: string | null;
  /** The resource (or its changed fields) before and after; an object of plain JSON values. */
  before?: object | null;
  after?: object | null;
  /** Entries for a case's timeline, when the change is to a case. */
  timeline?: readonly TimelineEntry[];
  /** Webhook events the change causes, queued in the outbox. */
  events?: readonly AnnouncedEvent[];
}

/**
 * The one seam every write passes: inside the change's own tenant transaction it writes the
 * audit entry, the case timeline entries and the outbox rows, so either all of them and the
 * change commit, or none do. Called by services, never by controllers.
 */
@Injectable()
export class ChangeRecorder {
  constructor(
    private readonly transaction: TenantTransaction,
    private readonly tenant: TenantContext,
    private readonly actors: ActorContext,
  ) {}

  /** Writes the change's records; an update that changed nothing records nothing (`null`). */
  async record(change: Change): Promise<AuditLog | null> {
    const changes = auditChanges(change.before, change.after);
    const changedNothing =
      change.before && change.after && Object.keys(changes.after ?? {}).length === 0 && !change.timeline?.length;
    if (changedNothing) return null;
    const manager = this.transaction.manager;
    const tenantId = this.tenant.tenantId;
    const actor = this.actors.actor;
    const origin = this.actors.origin;

    const audit = await manager.getRepository(AuditLog).save(
      manager.getRepository(AuditLog).create({
        tenantId,
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        actorPrefix: actor.prefix,
        actorOwnerId: actor.ownerId,
        actorOwnerName: actor.ownerName,
        action: change.action,
        resourceType: change.resourceType,
        resourceId: change.resourceId,
        changes,
        requestId: origin.requestId,
        ip: origin.ip,
        userAgent: origin.userAgent,
      }),
    );

    if (change.timeline?.length) {
      await manager.getRepository(CaseEvent).insert(
        change.timeline.map((entry) => ({
          tenantId,
          caseId: entry.caseId,
          type: entry.type,
          actorType: actor.type,
          actorId: actor.id,
          actorName: actor.name,
          actorOwnerId: actor.ownerId,
          actorOwnerName: actor.ownerName,
          data: entry.data,
        })) as QueryDeepPartialEntity<CaseEvent>[],
      );
    }

    if (change.events?.length) {
      const timestamp = new Date().toISOString();
      const outbox = await manager.getRepository(OutboxEvent).insert(
        change.events.map((event) => ({
          tenantId,
          type: event.type,
          auditLogId: audit.id,
          payload: { event: event.type, timestamp, data: event.data },
        })) as QueryDeepPartialEntity<OutboxEvent>[],
      );
      await fanOutToWebhooks(
        manager,
        outbox.identifiers.map((identifier) => identifier.id as string),
      );
    }
    return audit;
  }
}
