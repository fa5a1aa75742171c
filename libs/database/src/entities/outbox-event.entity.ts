import { Column, Entity } from 'typeorm';
import { TenantOwned } from './tenant-owned';

/** A webhook event waiting for delivery, written in the same transaction as its change. */
@Entity('outbox_events')
export class OutboxEvent extends TenantOwned {
  @Column({ type: 'bigint', insert: false, update: false, select: false }) seq!: string;
  @Column('text') type!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('uuid') auditLogId!: string;
  @Column({ type: 'timestamptz', precision: 3, insert: false, update: false }) occurredAt!: Date;
}
