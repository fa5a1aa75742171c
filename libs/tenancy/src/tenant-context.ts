import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';

const TENANT = Symbol('wardline.tenant');
/** The open tenant transaction's EntityManager (see TenantTransaction). */
export const TRANSACTION_MANAGER = Symbol('wardline.entity-manager');

export class MissingTenantContextError extends Error {
  constructor() {
    super('No tenant context: tenant data may only be touched inside TenantContext.run() or an authenticated request');
  }
}

/**
 * The tenant the current unit of work acts for, held in AsyncLocalStorage. Reading it
 * outside a context throws, so a background job has to enter one explicitly.
 */
@Injectable()
export class TenantContext {
  constructor(private readonly cls: ClsService) {}

  get tenantId(): string {
    const tenantId = this.cls.isActive() ? (this.cls.get(TENANT) as string | undefined) : undefined;
    if (!tenantId) throw new MissingTenantContextError();
    return tenantId;
  }

  get isSet(): boolean {
    return this.cls.isActive() && this.cls.get(TENANT) !== undefined;
  }

  /** Binds the current request's context to a tenant (the auth guard does this). */
  enter(tenantId: string): void {
    this.cls.set(TENANT, tenantId);
  }

  /**
   * Runs work for one tenant in a nested context that keeps the actor but never an outer
   * transaction: jobs, the CLI, export batches, tests.
   */
  run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.cls.run({ ifNested: 'inherit' }, () => {
      this.cls.set(TENANT, tenantId);
      this.cls.set(TRANSACTION_MANAGER, undefined);
      return work();
    });
  }
}
