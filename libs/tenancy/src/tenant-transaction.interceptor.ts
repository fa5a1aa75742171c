import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { TenantContext } from './tenant-context';
import { TenantTransaction } from './tenant-transaction';

/** Wraps every tenant-bound request in its tenant transaction. */
@Injectable()
export class TenantTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly tenant: TenantContext,
    private readonly transaction: TenantTransaction,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.tenant.isSet) return next.handle();
    return from(this.transaction.run(() => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
