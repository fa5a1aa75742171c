import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '@wardline/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Notes one key may add to one case per minute: a timeline grows by people, not by loops. */
export const NOTES_PER_CASE_PER_MINUTE = 30;

@Injectable()
export class NoteRateLimit {
  private readonly limiter = new RateLimiterMemory({ points: NOTES_PER_CASE_PER_MINUTE, duration: 60 });

  /** Counts one note by `keyId` on `caseId`; over the limit, 429 with `Retry-After`. */
  async take(keyId: string, caseId: string): Promise<void> {
    try {
      await this.limiter.consume(`${keyId}:${caseId}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'Too many notes on this case; retry later',
        { limit: NOTES_PER_CASE_PER_MINUTE, windowSeconds: 60 },
        { 'Retry-After': String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))) },
      );
    }
  }
}
