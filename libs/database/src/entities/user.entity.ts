import { Column, CreateDateColumn, Entity, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Role } from './policy-types';
import { TenantOwned } from './tenant-owned';

@Entity('users')
export class User extends TenantOwned {
  @Column('text') email!: string;
  @Column('text') name!: string;
  @Column('text') role!: Role;
  @Column('boolean') enabled!: boolean;
  @Column('text', { nullable: true, select: false }) passwordHash!: string | null;
  @Column('uuid', { array: true }) wardIds!: string[];
  @Column('text', { nullable: true }) party!: string | null;
  @Column('text', { nullable: true }) publicEmail!: string | null;
  @Column('text', { nullable: true }) bio!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
