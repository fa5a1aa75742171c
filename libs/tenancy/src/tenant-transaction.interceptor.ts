import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { TenantContext } from './tenant-context';
import { TenantTransaction } from './tenant-transaction';
import { SnapshotTransaction } from './snapshot-transaction';
import { WithoutRequestTransaction } from './without-request-transaction';

/** Wraps every tenant-bound request in its tenant transaction. */
@Injectable()
export class TenantTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly tenant: TenantContext,
    private readonly transaction: TenantTransaction,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.tenant.isSet) return next.handle();
    if (this.reflector.get(WithoutRequestTransaction, context.getHandler())) return next.handle();
    const isolation = this.reflector.get(SnapshotTransaction, context.getHandler()) ? 'REPEATABLE READ' : undefined;
    return from(this.transaction.run(() => lastValueFrom(next.handle(), { defaultValue: undefined }), isolation));
  }
}
