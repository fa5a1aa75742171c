import { Column, Entity } from 'typeorm';
import type { ActorType } from './case-types';
import { TenantOwned } from './tenant-owned';

/** One recorded change: who did what to which resource, and what it was before and after. */
@Entity('audit_logs')
export class AuditLog extends TenantOwned {
  @Column({ type: 'timestamptz', precision: 3, insert: false, update: false }) occurredAt!: Date;
  @Column('text') actorType!: ActorType;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('text') actorName!: string;
  @Column('text', { nullable: true }) actorPrefix!: string | null;
  @Column('uuid', { nullable: true }) actorOwnerId!: string | null;
  @Column('text', { nullable: true }) actorOwnerName!: string | null;
  @Column('text') action!: string;
  @Column('text') resourceType!: string;
  @Column('uuid', { nullable: true }) resourceId!: string | null;
  @Column('jsonb') changes!: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };
  @Column('text', { nullable: true }) requestId!: string | null;
  @Column('text', { nullable: true }) ip!: string | null;
  @Column('text', { nullable: true }) userAgent!: string | null;
}
