import { Column, Entity } from 'typeorm';
import { TenantOwned } from './tenant-owned';

/** What a row counts by: every case (`all`, value `''`) or one column's value. */
export type CaseListCountDimension = 'all' | 'status' | 'priority' | 'ward_id' | 'category_id' | 'source_channel';

/**
 * Cases per archived flag and assignee, counted once in all (`dimension` `all`) and once under
 * each discrete list filter's value (`status`, `priority`, `ward_id`, `category_id`,
 * `source_channel`), spread over a few `slot`s: a total adds the slots up. Kept by the database
 * from `cases` (CaseListCounts migration); read-only to the application.
 */
@Entity('case_list_counts')
export class CaseListCount extends TenantOwned {
  @Column('boolean') archived!: boolean;
  @Column('text') dimension!: CaseListCountDimension;
  @Column('text') value!: string;
  @Column('uuid', { nullable: true }) assigneeId!: string | null;
  @Column('smallint') slot!: number;
  @Column('integer') cases!: number;
}
