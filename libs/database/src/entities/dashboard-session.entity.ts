import { Column, Entity } from 'typeorm';
import { TenantOwned } from './tenant-owned';

/** A signed-in dashboard user; the cookie holds the token, the table only its SHA-256. */
@Entity('dashboard_sessions')
export class DashboardSession extends TenantOwned {
  @Column('uuid') userId!: string;
  @Column('bytea', { select: false }) tokenHash!: Buffer;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @Column({ type: 'timestamptz', precision: 3 }) lastSeenAt!: Date;
  @Column({ type: 'timestamptz', precision: 3 }) expiresAt!: Date;
}
