import { Column, CreateDateColumn, Entity, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CouncilTier } from './policy-types';
import { TenantOwned } from './tenant-owned';

@Entity('wards')
export class Ward extends TenantOwned {
  @Column('text') name!: string;
  @Column('text', { nullable: true }) gssCode!: string | null;
  @Column('text', { nullable: true }) councilTier!: CouncilTier | null;
  @Column('text', { nullable: true }) boundaryDescription!: string | null;
  @Column('double precision', { nullable: true }) latitude!: number | null;
  @Column('double precision', { nullable: true }) longitude!: number | null;
  @Column('boolean') enabled!: boolean;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
