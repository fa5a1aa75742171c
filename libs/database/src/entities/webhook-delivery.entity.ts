import { Column, CreateDateColumn, Entity } from 'typeorm';
import { TenantOwned } from './tenant-owned';

export const WEBHOOK_DELIVERY_STATES = ['pending', 'failed', 'succeeded', 'dead'] as const;
/** `pending`: not tried yet; `failed`: a retry is scheduled; `succeeded`; `dead`: no more tries. */
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/** One message to one endpoint: the per-endpoint queue the worker claims from. */
@Entity('webhook_deliveries')
export class WebhookDelivery extends TenantOwned {
  @Column('uuid') endpointId!: string;
  /** The `webhook-id` header: the same for every attempt and redelivery of one message. */
  @Column('uuid') messageId!: string;
  @Column('uuid', { nullable: true }) outboxEventId!: string | null;
  @Column('text') eventType!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('text') state!: WebhookDeliveryState;
  @Column('integer') attempts!: number;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) nextAttemptAt!: Date | null;
  /** Set while a worker holds the row; an expired lease (a killed worker) lets another take it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) leasedUntil!: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) lastAttemptAt!: Date | null;
  @Column('integer', { nullable: true }) lastStatusCode!: number | null;
  @Column('integer', { nullable: true }) lastDurationMs!: number | null;
  @Column('text', { nullable: true }) lastError!: string | null;
  /** At most 64 KiB of the receiver's last answer: kept for support, never shown raw. */
  @Column('text', { nullable: true, select: false }) lastResponseBody!: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
}
