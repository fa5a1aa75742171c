import type { CallHandler, NestInterceptor } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { SnapshotTransaction } from './snapshot-transaction';
import type { TenantContext } from './tenant-context';
import type { TenantTransaction } from './tenant-transaction';
import { WithoutRequestTransaction } from './without-request-transaction';

/**
 * Wraps a tenant-bound request in its tenant transaction. One per route, made when the routes
 * are registered (`forRoute`), so the route's declarations are read once, not per request.
 */
export class TenantTransactionInterceptor implements NestInterceptor {
  private constructor(
    private readonly tenant: TenantContext,
    private readonly transaction: TenantTransaction,
    private readonly isolation: IsolationLevel | undefined,
  ) {}

  /** The interceptor `handler`'s route needs; none when its work runs outside the request transaction. */
  static forRoute(
    handler: object,
    reflector: Reflector,
    tenant: TenantContext,
    transaction: TenantTransaction,
  ): TenantTransactionInterceptor | undefined {
    if (reflector.get(WithoutRequestTransaction, handler as () => unknown)) return undefined;
    const snapshot = reflector.get(SnapshotTransaction, handler as () => unknown);
    return new TenantTransactionInterceptor(tenant, transaction, snapshot ? 'REPEATABLE READ' : undefined);
  }

  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    if (!this.tenant.isSet) return next.handle();
    return from(this.transaction.run(() => lastValueFrom(next.handle(), { defaultValue: undefined }), this.isolation));
  }
}
