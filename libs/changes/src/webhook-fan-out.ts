import type { EntityManager } from 'typeorm';

/**
 * Queues one delivery per outbox event and enabled endpoint of its tenant subscribed to its
 * type, in the change's own transaction: the event and its deliveries commit with the change.
 */
export async function fanOutToWebhooks(manager: EntityManager, outboxEventIds: readonly string[]): Promise<void> {
  if (outboxEventIds.length === 0) return;
  await manager.query(
    `INSERT INTO webhook_deliveries
            (tenant_id, endpoint_id, message_id, outbox_event_id, event_type, payload, next_attempt_at)
     SELECT o.tenant_id, e.id, o.id, o.id, o.type, o.payload, o.occurred_at
       FROM outbox_events o
       JOIN webhook_endpoints e ON e.tenant_id = o.tenant_id AND e.enabled AND o.type = ANY (e.events)
      WHERE o.id = ANY ($1::uuid[])`,
    [outboxEventIds],
  );
}
