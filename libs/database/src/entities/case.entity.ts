import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CasePriority, CaseStatus, SourceChannel } from './case-types';
import { Category } from './category.entity';
import { TenantOwned } from './tenant-owned';
import { User } from './user.entity';
import { Ward } from './ward.entity';

@Entity('cases')
export class Case extends TenantOwned {
  @Column('text') reference!: string;
  @Column({ type: 'text', insert: false, update: false, select: false }) referenceSort!: string;
  @Column('text', { nullable: true }) internalRef!: string | null;
  @Column('text') status!: CaseStatus;
  @Column('text') priority!: CasePriority;
  @Column({ type: 'smallint', insert: false, update: false }) priorityRank!: number;
  /** `wardline_duration_bucket` of the time to a first response and to resolution (generated). */
  @Column({ type: 'smallint', insert: false, update: false, select: false }) firstResponseBucket!: number | null;
  @Column({ type: 'smallint', insert: false, update: false, select: false }) resolutionBucket!: number | null;
  @Column('text') summary!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text', { nullable: true }) residentName!: string | null;
  @Column('text', { nullable: true }) residentEmail!: string | null;
  @Column('text', { nullable: true }) residentPhone!: string | null;
  @Column('text', { nullable: true }) residentAddress!: string | null;
  @Column('text', { nullable: true }) residentPostcode!: string | null;
  @Column('text') sourceChannel!: SourceChannel;
  @Column('boolean') archived!: boolean;
  @Column('boolean') highlightedForPublic!: boolean;
  @Column('text', { nullable: true }) publicSummary!: string | null;
  @Column('text', { array: true }) publicThemes!: string[];
  @Column('text', { array: true }) tags!: string[];
  @Column('uuid', { nullable: true }) wardId!: string | null;
  @Column('uuid', { nullable: true }) categoryId!: string | null;
  @Column('uuid', { nullable: true }) assigneeId!: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) dueAt!: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) firstResponseAt!: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) closedAt!: Date | null;
  /** When the resident's details were anonymised (erasure or retention); null while they are kept. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) anonymisedAt!: Date | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;

  @ManyToOne(() => Ward, { createForeignKeyConstraints: false, nullable: true })
  @JoinColumn([{ name: 'ward_id', referencedColumnName: 'id' }])
  ward?: Ward | null;

  @ManyToOne(() => Category, { createForeignKeyConstraints: false, nullable: true })
  @JoinColumn([{ name: 'category_id', referencedColumnName: 'id' }])
  category?: Category | null;

  @ManyToOne(() => User, { createForeignKeyConstraints: false, nullable: true })
  @JoinColumn([{ name: 'assignee_id', referencedColumnName: 'id' }])
  assignee?: User | null;
}
