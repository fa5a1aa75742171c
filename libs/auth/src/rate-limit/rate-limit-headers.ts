import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@wardline/common';
import type { FastifyReply } from 'fastify';
import type { RateDecision } from './sliding-window';

export function writeRateLimitHeaders(reply: FastifyReply, decision: RateDecision): void {
  void reply.header('X-RateLimit-Limit', String(decision.limit));
  void reply.header('X-RateLimit-Remaining', String(decision.remaining));
  void reply.header('X-RateLimit-Reset', String(decision.resetSeconds));
}

export const rateLimitExceeded = (decision: RateDecision) =>
  new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'Rate limit exceeded', undefined, {
    'Retry-After': String(decision.retryAfterSeconds ?? 1),
  });
