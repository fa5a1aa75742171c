import { Column, CreateDateColumn, Entity, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantOwned } from './tenant-owned';

/** A council's webhook receiver: where, for which events, and the secrets that sign for it. */
@Entity('webhook_endpoints')
export class WebhookEndpoint extends TenantOwned {
  @Column('text') url!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text', { array: true }) events!: string[];
  @Column('boolean') enabled!: boolean;
  @Column('text', { nullable: true }) disabledReason!: string | null;
  /** `whsec_` + base64 key bytes (Standard Webhooks). */
  @Column('text') secret!: string;
  /** After a rotation the old secret signs beside the new one until `previousSecretExpiresAt`. */
  @Column('text', { nullable: true }) previousSecret!: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) previousSecretExpiresAt!: Date | null;
  /** The first failure since the last success: three days of it disables the endpoint. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) failingSince!: Date | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
