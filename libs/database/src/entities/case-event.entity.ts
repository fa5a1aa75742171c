import { Column, Entity } from 'typeorm';
import type { ActorType, CaseEventType } from './case-types';
import { TenantOwned } from './tenant-owned';

/** One entry of a case's timeline; `data` holds what changed. */
@Entity('case_events')
export class CaseEvent extends TenantOwned {
  @Column({ type: 'bigint', insert: false, update: false, select: false }) seq!: string;
  @Column('uuid') caseId!: string;
  @Column('text') type!: CaseEventType;
  @Column({ type: 'timestamptz', precision: 3, insert: false, update: false }) at!: Date;
  @Column('text') actorType!: ActorType;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('text') actorName!: string;
  @Column('uuid', { nullable: true }) actorOwnerId!: string | null;
  @Column('text', { nullable: true }) actorOwnerName!: string | null;
  @Column('jsonb') data!: Record<string, unknown>;
}
