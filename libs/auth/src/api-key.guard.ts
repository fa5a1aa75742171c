import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ActorContext, TenantContext } from '@wardline/tenancy';
import type { FastifyRequest } from 'fastify';
import { decideAccess, isKeyUsable } from './access-decision';
import { hashApiKey, isWellFormedApiKey } from './api-key-format';
import { ApiKeyVerifier } from './api-key-verifier';
import { invalidApiKey, missingApiKey } from './auth-errors';
import { LastUsedRecorder } from './last-used-recorder';
import { actorOf, PrincipalContext } from './principal';
import { presentedKey } from './presented-key';
import { RetiredKeyRecorder } from './retired-key-recorder';
import { RouteAccessMetadata } from './route-access';

/**
 * Global and deny-by-default: every route needs a valid key unless it is `@Public()`.
 * Applies contract §2 in order and binds the request to the key's tenant.
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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride(RouteAccessMetadata, [context.getHandler(), context.getClass()]);
    if (access?.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = presentedKey(request.headers);
    if (presented.kind === 'none') throw missingApiKey();
    if (presented.kind === 'conflict' || !isWellFormedApiKey(presented.value)) throw invalidApiKey();

    const principal = await this.verifier.find(hashApiKey(presented.value));
    if (!principal) throw invalidApiKey();
    const now = new Date();
    if (!isKeyUsable(principal, now)) {
      const { revokedAt, expiresAt } = principal.key;
      if ((revokedAt && revokedAt <= now) || (expiresAt && expiresAt <= now)) this.retiredKeys.notice(principal, now);
      throw invalidApiKey();
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
}
