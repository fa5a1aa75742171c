import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '@wardline/common';
import { TenantContext } from '@wardline/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HeavyWorkLimiter } from './heavy-work.limiter';

/** How long a refused client is asked to wait: heavy work usually ends within seconds. */
const RETRY_AFTER_SECONDS = 2;

export interface HeavyWorkOptions {
  /** Only requests for which this holds count as heavy (e.g. a list only while searching). */
  when?: (request: FastifyRequest) => boolean;
}

const HeavyWorkMetadata = Reflector.createDecorator<HeavyWorkOptions>();

/**
 * Holds one of the tenant's heavy-work slots from the guard until the response is closed
 * (a streamed export keeps it while the client reads); with none free, 429 + `Retry-After`.
 */
@Injectable()
export class HeavyWorkGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: HeavyWorkLimiter,
    private readonly tenant: TenantContext,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const options = this.reflector.get(HeavyWorkMetadata, context.getHandler()) ?? {};
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // A HEAD does no work (see sendExport); an unauthenticated request was refused before.
    if (request.method === 'HEAD' || !this.tenant.isSet || (options.when && !options.when(request))) return true;
    const release = this.limiter.tryAcquire(this.tenant.tenantId);
    if (!release) {
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'Too many exports or searches running for this council at once; retry shortly',
        { limit: this.limiter.limit },
        { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      );
    }
    context.switchToHttp().getResponse<FastifyReply>().raw.once('close', release);
    return true;
  }
}

/** Declares a route heavy: capped per tenant by `HeavyWorkGuard`. */
export const HeavyWork = (options: HeavyWorkOptions = {}) =>
  applyDecorators(HeavyWorkMetadata(options), UseGuards(HeavyWorkGuard));

/** For `when`: the request's query string names `parameter`. */
export const queryHas =
  (parameter: string) =>
  (request: FastifyRequest): boolean =>
    Object.hasOwn((request.query ?? {}) as object, parameter);
