import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '@wardline/common';
import type { FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Submissions one client IP may make in an hour, to any council's form, valid or not. */
export const PUBLIC_FORM_PER_HOUR = 5;
const HOUR_SECONDS = 3600;

/**
 * Counts every request to the public form by client IP before anything else is looked at, so
 * neither spam nor slug guessing goes fast. `request.ip` follows `X-Forwarded-For` only when
 * `TRUST_PROXY_HOPS` says how many proxies to look through.
 */
@Injectable()
export class PublicFormRateLimitGuard implements CanActivate {
  private readonly limiter = new RateLimiterMemory({ points: PUBLIC_FORM_PER_HOUR, duration: HOUR_SECONDS });

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { ip } = context.switchToHttp().getRequest<FastifyRequest>();
    try {
      await this.limiter.consume(ip);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'Rate limit exceeded',
        { limit: PUBLIC_FORM_PER_HOUR, windowSeconds: HOUR_SECONDS },
        { 'Retry-After': String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))) },
      );
    }
  }
}
