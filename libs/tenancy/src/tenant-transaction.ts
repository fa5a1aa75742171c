import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ClsService } from 'nestjs-cls';
import { isTransientConflict } from '@wardline/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import type { PoolClient } from 'pg';
import { LazyTenantQueryRunner } from './lazy-tenant-query-runner';
import { TenantContext, TRANSACTION_MANAGER as MANAGER } from './tenant-context';

/** A deadlock or serialisation failure is retried this many times in all, then reported. */
const MAX_ATTEMPTS = 3;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, attempt * 10 + Math.random() * 20));

/**
 * One transaction per unit of work, with `app.tenant_id` set transaction-locally first, so
 * row-level security sees only the current tenant even where a query forgets its filter. The
 * transaction begins with the first query (see LazyTenantQueryRunner): work that needs none
 * takes no connection.
 */
@Injectable()
export class TenantTransaction {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly cls: ClsService,
    private readonly tenant: TenantContext,
  ) {}

  /**
   * Runs `work` in the tenant's transaction (or joins the current one), READ COMMITTED unless
   * `isolation` says otherwise. A deadlock or
   * serialisation failure reruns the whole transaction, a bounded number of times.
   */
  async run<T>(work: () => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (this.cls.get(MANAGER)) return work();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(work, isolation);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isTransientConflict(error)) throw error;
        await pause(attempt);
      }
    }
  }

  private async runOnce<T>(work: () => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    const runner = new LazyTenantQueryRunner(this.dataSource, this.tenant.tenantId, isolation);
    this.cls.set(MANAGER, runner.manager);
    try {
      const result = await work();
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      this.cls.set(MANAGER, undefined);
      await runner.release();
    }
  }

  /**
   * Runs work in `tenantId`'s transaction: the open one when the context is already that
   * tenant's (a request), else a new one in a nested context (the CLI, jobs).
   */
  runFor<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    if (this.tenant.isSet && this.tenant.tenantId === tenantId && this.cls.get(MANAGER)) return work();
    return this.tenant.run(tenantId, () => this.run(work));
  }

  /**
   * The current tenant transaction's connection (begun, tenant set), for what TypeORM cannot
   * send, such as `COPY … TO STDOUT`; throws outside a transaction.
   */
  async client(): Promise<PoolClient> {
    const runner = this.manager.queryRunner;
    if (!(runner instanceof LazyTenantQueryRunner)) throw new Error('Not a tenant transaction');
    return runner.connect();
  }

  /** The current tenant's transaction; throws outside one. */
  get manager(): EntityManager {
    const manager = this.cls.isActive() ? (this.cls.get(MANAGER) as EntityManager | undefined) : undefined;
    if (!manager) throw new Error('No tenant transaction: run the work through TenantTransaction.run()');
    return manager;
  }
}
