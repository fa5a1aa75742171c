import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Plan, TenantStatus } from './policy-types';

@Entity('tenants')
export class Tenant {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') slug!: string;
  @Column('text') plan!: Plan;
  @Column('text') status!: TenantStatus;
  @Column('text') timezone!: string;
  @Column('text') locale!: string;
  @Column('text') caseReferencePrefix!: string;
  @Column('integer') defaultSlaDays!: number;
  @Column('boolean') publicFormEnabled!: boolean;
  @Column('integer', { nullable: true }) anonymiseClosedCasesAfterMonths!: number | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
