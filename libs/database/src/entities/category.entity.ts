import { Column, CreateDateColumn, Entity, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantOwned } from './tenant-owned';

@Entity('categories')
export class Category extends TenantOwned {
  @Column('text') name!: string;
  @Column('text') slug!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('uuid', { nullable: true }) parentId!: string | null;
  @Column('integer', { nullable: true }) slaDays!: number | null;
  @Column('boolean') enabled!: boolean;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
