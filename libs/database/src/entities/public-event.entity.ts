import { Column, CreateDateColumn, Entity, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { EventType } from './publication-types';
import { TenantOwned } from './tenant-owned';

/** A councillor's public event (surgery, meeting, ...): shown to residents once approved. */
@Entity('events')
export class PublicEvent extends TenantOwned {
  @Column('text') title!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text') type!: EventType;
  @Column({ type: 'timestamptz', precision: 3 }) startsAt!: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) endsAt!: Date | null;
  @Column('text', { nullable: true }) location!: string | null;
  @Column('uuid', { nullable: true }) wardId!: string | null;
  @Column('boolean') approved!: boolean;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) publishedAt!: Date | null;
  @Column('boolean') cancelled!: boolean;
  @Column('uuid') createdById!: string;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
