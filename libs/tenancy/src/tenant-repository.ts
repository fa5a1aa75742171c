import type { DeepPartial, EntityTarget, Repository, SelectQueryBuilder } from 'typeorm';
import { isUuid } from '@wardline/common';
import type { TenantOwned } from '@wardline/database';
import type { TenantContext } from './tenant-context';
import type { TenantTransaction } from './tenant-transaction';

/** Fields a caller may give on insert: never the id or the tenant. */
export type NewRow<E extends TenantOwned> = DeepPartial<Omit<E, 'id' | 'tenantId'>>;

export type UpdateOutcome<E> =
  { kind: 'updated'; row: E; before: E } | { kind: 'not_found' } | { kind: 'version_mismatch'; current: E };

/**
 * The only way feature code reaches tenant rows: every read, update and delete is filtered
 * by the context's tenant, every insert gets it, and without a context it throws.
 */
export class TenantRepository<E extends TenantOwned> {
  constructor(
    private readonly target: EntityTarget<E>,
    private readonly transaction: TenantTransaction,
    private readonly tenant: TenantContext,
  ) {}

  private get repository(): Repository<E> {
    return this.transaction.manager.getRepository(this.target);
  }

  /** A query already limited to the tenant: add conditions with `andWhere`, never `where`. */
  query(alias: string): SelectQueryBuilder<E> {
    return this.repository
      .createQueryBuilder(alias)
      .where(`${alias}.tenantId = :tenantId`, { tenantId: this.tenant.tenantId });
  }

  async findById(id: string, alias = 'row'): Promise<E | null> {
    if (!isUuid(id)) return null;
    return this.query(alias).andWhere(`${alias}.id = :id`, { id }).getOne();
  }

  async existsById(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.query('row').andWhere('row.id = :id', { id }).getExists();
  }

  async insert(values: NewRow<E>): Promise<E> {
    const row = this.repository.create({ ...values, tenantId: this.tenant.tenantId } as DeepPartial<E>);
    return this.repository.save(row);
  }

  /** Reads and locks one row for the rest of the transaction; `refine` may narrow the query. */
  async findForUpdate(
    id: string,
    refine: (query: SelectQueryBuilder<E>, alias: string) => void = () => undefined,
  ): Promise<E | null> {
    if (!isUuid(id)) return null;
    const query = this.query('row').andWhere('row.id = :id', { id }).setLock('pessimistic_write');
    refine(query, 'row');
    return query.getOne();
  }

  /** Writes a row read through this repository (its tenant cannot change). */
  save(row: E): Promise<E> {
    if (row.tenantId !== this.tenant.tenantId) throw new Error('Refusing to save a row of another tenant');
    return this.repository.save(row);
  }

  /**
   * Locks the row, checks `expectedVersion` (If-Match) and applies the patch; the version
   * column moves on by one.
   */
  async update(id: string, patch: DeepPartial<E>, expectedVersion?: number): Promise<UpdateOutcome<E>> {
    const current = await this.findForUpdate(id);
    if (!current) return { kind: 'not_found' };
    if (expectedVersion !== undefined && (current as { version?: number }).version !== expectedVersion) {
      return { kind: 'version_mismatch', current };
    }
    const before = this.repository.create({ ...current });
    const row = await this.repository.save(this.repository.merge(current, patch));
    return { kind: 'updated', row, before };
  }

  /**
   * Sets `values` on those of `ids` that are the tenant's and match `where` (SQL on the bare
   * table, e.g. `approved = false`); returns the ids that changed.
   */
  async updateMany(ids: readonly string[], values: DeepPartial<E>, where?: string): Promise<string[]> {
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    const query = this.repository
      .createQueryBuilder()
      .update()
      .set(values as never)
      .where('id IN (:...ids) AND tenant_id = :tenantId', { ids: wanted, tenantId: this.tenant.tenantId });
    if (where) query.andWhere(where);
    const result = await query.returning('id').execute();
    return (result.raw as { id: string }[]).map((row) => row.id);
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.repository
      .createQueryBuilder()
      .delete()
      .where('id = :id AND tenant_id = :tenantId', { id, tenantId: this.tenant.tenantId })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}

/** The updated row, or the contract's 404 / 409 for the other outcomes. */
export function updatedOrThrow<E>(
  outcome: UpdateOutcome<E>,
  notFound: () => Error,
  mismatch: (current: E) => Error,
): E {
  if (outcome.kind === 'not_found') throw notFound();
  if (outcome.kind === 'version_mismatch') throw mismatch(outcome.current);
  return outcome.row;
}
