import { Column, Entity } from 'typeorm';
import type { CasePriority, CaseStatus } from './case-types';
import { TenantOwned } from './tenant-owned';

/** Whether a row counts one local day or a whole local month. */
export type RollupGrain = 'day' | 'month';

/**
 * Cases created on one local day (or month) of the tenant, per assignee, current status and priority.
 * Kept by the database from `cases` (CaseDayRollups migration); read-only to the application.
 */
@Entity('case_day_counts')
export class CaseDayCount extends TenantOwned {
  @Column('text') grain!: RollupGrain;
  /** The local day, or the first day of the local month. */
  @Column('date') day!: string;
  @Column('uuid', { nullable: true }) assigneeId!: string | null;
  @Column('text') status!: CaseStatus;
  @Column('text') priority!: CasePriority;
  @Column('integer') cases!: number;
}

/** What a duration histogram measures, and by which day it is kept. */
export type DurationMeasure = 'first_response' | 'resolution';

/**
 * A histogram of elapsed time per local day (or month) and assignee, in `wardline_duration_bucket`
 * buckets: to a first response by the day a case was created, to resolution by the day it was
 * resolved. Kept by the database from `cases`; read-only to the application.
 */
@Entity('case_day_durations')
export class CaseDayDuration extends TenantOwned {
  @Column('text') measure!: DurationMeasure;
  @Column('text') grain!: RollupGrain;
  /** The local day, or the first day of the local month. */
  @Column('date') day!: string;
  @Column('uuid', { nullable: true }) assigneeId!: string | null;
  @Column('smallint') bucket!: number;
  @Column('integer') cases!: number;
}
