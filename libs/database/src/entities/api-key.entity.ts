import { Column, CreateDateColumn, Entity } from 'typeorm';
import { TenantOwned } from './tenant-owned';

@Entity('api_keys')
export class ApiKey extends TenantOwned {
  @Column('uuid') ownerId!: string;
  @Column('text') name!: string;
  @Column('text') prefix!: string;
  /** SHA-256 of the whole key; the key itself is never stored. */
  @Column('bytea', { select: false }) keyHash!: Buffer;
  @Column('text', { array: true }) scopes!: string[];
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) expiresAt!: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) lastUsedAt!: Date | null;
  @Column('uuid', { nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
}
