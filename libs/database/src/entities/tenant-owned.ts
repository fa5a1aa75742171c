import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Base of every row that belongs to a tenant. Only the tenant-scoped repository reads or
 * writes these, so `tenantId` is set from the request's context, never from input.
 */
export abstract class TenantOwned {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') tenantId!: string;
}
