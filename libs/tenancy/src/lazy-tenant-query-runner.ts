import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * A tenant transaction that costs nothing until its first query: only then does it take a
 * connection from the pool and, in one simple-protocol round trip, begin the transaction and
 * set `app.tenant_id` transaction-locally, before that query runs. Every query goes through
 * `connect()`, so none can run outside the transaction or before the tenant is set, and
 * row-level security binds each one.
 */
export class LazyTenantQueryRunner extends PostgresQueryRunner {
  declare readonly manager: EntityManager;
  private begun: Promise<PoolClient> | undefined;

  constructor(
    dataSource: DataSource,
    private readonly tenantId: string,
    private readonly isolation: IsolationLevel = 'READ COMMITTED',
  ) {
    super(dataSource.driver as PostgresDriver, 'master');
    Object.assign(this, { manager: dataSource.createEntityManager(this) });
    // The transaction counts as open from the start: saves join it, nested transactions are savepoints.
    this.isTransactionActive = true;
    this.transactionDepth = 1;
  }

  override connect(): Promise<PoolClient> {
    this.begun ??= (super.connect() as Promise<PoolClient>).then(async (client) => {
      const tenant = client.escapeLiteral(this.tenantId);
      try {
        await client.query(
          `BEGIN ISOLATION LEVEL ${this.isolation}; SELECT set_config('app.tenant_id', ${tenant}, true)`,
        );
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      return client;
    });
    return this.begun;
  }

  /** The outermost commit of a transaction no query ever needed has nothing to send. */
  override async commitTransaction(): Promise<void> {
    if (this.transactionDepth === 1 && !this.begun) return this.close();
    return super.commitTransaction();
  }

  override async rollbackTransaction(): Promise<void> {
    if (this.transactionDepth === 1 && !this.begun) return this.close();
    return super.rollbackTransaction();
  }

  private close(): void {
    this.isTransactionActive = false;
    this.transactionDepth = 0;
  }
}
