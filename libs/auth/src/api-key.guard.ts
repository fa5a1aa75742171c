import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError, Metrics } from '@wardline/common';
import { ActorContext, TenantContext } from '@wardline/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decideAccess, isKeyUsable } from './access-decision';
import { hashApiKey, isWellFormedApiKey } from './api-key-format';
import { ApiKeyVerifier } from './api-key-verifier';
import { invalidApiKey, missingApiKey } from './auth-errors';
import { LastUsedRecorder } from './last-used-recorder';
import { actorOf, PrincipalContext } from './principal';
import { presentedKey } from './presented-key';
import { rateLimitExceeded, writeRateLimitHeaders } from './rate-limit/rate-limit-headers';
import { RateLimits } from './rate-limit/rate-limits';
import { tagRequestForLogs } from './request-log-fields';
import { RetiredKeyRecorder } from './retired-key-recorder';
import { type RouteAccess, RouteAccessMetadata } from './route-access';

/**
 * Global and deny-by-default: every route needs a valid key unless it is `@Public()`.
 * Applies contract §2 in order, counts the request against its key's rate limit (or, for a
 * missing or invalid key, its client IP's: contract §6) and binds the request to the key's tenant.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ApiKeyVerifier,
    private readonly lastUsed: LastUsedRecorder,
    private readonly principals: PrincipalContext,
    private readonly tenant: TenantContext,
    private readonly actors: ActorContext,
    private readonly retiredKeys: RetiredKeyRecorder,
    private readonly rateLimits: RateLimits,
    private readonly metrics: Metrics,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride(RouteAccessMetadata, [context.getHandler(), context.getClass()]);
    if (access?.kind === 'public') return true;

    const http = context.switchToHttp();
    try {
      return await this.admit(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), access);
    } catch (error) {
      if (error instanceof ApiError) this.metrics.authRefusals.inc({ reason: error.message });
      throw error;
    }
  }

  private async admit(request: FastifyRequest, reply: FastifyReply, access: RouteAccess | undefined): Promise<true> {
    const presented = presentedKey(request.headers);
    if (presented.kind === 'none') throw await this.refuseClient(request, reply, missingApiKey());
    if (presented.kind === 'conflict' || !isWellFormedApiKey(presented.value)) {
      throw await this.refuseClient(request, reply, invalidApiKey());
    }

    const principal = await this.verifier.find(hashApiKey(presented.value));
    if (!principal) throw await this.refuseClient(request, reply, invalidApiKey());
    const now = new Date();
    if (!isKeyUsable(principal, now)) {
      const { revokedAt, expiresAt } = principal.key;
      if ((revokedAt && revokedAt <= now) || (expiresAt && expiresAt <= now)) this.retiredKeys.notice(principal, now);
      throw await this.refuseClient(request, reply, invalidApiKey());
    }

    tagRequestForLogs(request.raw, principal);
    const limit = await this.rateLimits.forKey(principal.key.id, principal.tenant.plan);
    writeRateLimitHeaders(reply, limit);
    if (!limit.allowed) {
      this.metrics.rateLimitHits.inc({ subject: 'key' });
      throw rateLimitExceeded(limit);
    }

    const denied = decideAccess(principal, access);
    if (denied) throw denied;

    this.principals.enter(principal);
    this.tenant.enter(principal.tenant.id);
    this.actors.enter(actorOf(principal), {
      requestId: request.id,
      ip: request.ip,
      userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
    });
    this.lastUsed.record(principal.tenant.id, principal.key.id);
    return true;
  }

  /** A missing or invalid key counts against the client IP; over its limit, the answer is 429. */
  private async refuseClient(request: FastifyRequest, reply: FastifyReply, refusal: ApiError): Promise<ApiError> {
    const limit = await this.rateLimits.forFailedAuth(request.ip);
    writeRateLimitHeaders(reply, limit);
    if (limit.allowed) return refusal;
    this.metrics.rateLimitHits.inc({ subject: 'client_ip' });
    return rateLimitExceeded(limit);
  }
}
