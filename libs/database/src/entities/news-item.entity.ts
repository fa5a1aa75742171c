import { Column, CreateDateColumn, Entity, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantOwned } from './tenant-owned';

/** A councillor's news item: shown to residents once approved. */
@Entity('news')
export class NewsItem extends TenantOwned {
  @Column('text') title!: string;
  @Column('text', { nullable: true }) summary!: string | null;
  @Column('text') body!: string;
  @Column('text', { nullable: true }) source!: string | null;
  @Column('boolean') approved!: boolean;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) publishedAt!: Date | null;
  @Column('uuid', { array: true }) wardIds!: string[];
  @Column('uuid') createdById!: string;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
