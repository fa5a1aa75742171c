import type { ApiError } from '@wardline/common';
import {
  insufficientRole,
  insufficientScope,
  planWithoutApiAccess,
  scopeNotInPlan,
  tenantSuspended,
} from './auth-errors';
import type { Principal } from './principal';
import type { RouteAccess } from './route-access';
import { planHasApiAccess, planIncludes, roleAtLeast, type Scope, SCOPES } from './scope-policy';

/** A route with no declaration needs every scope and the highest role. */
const UNDECLARED: { scopes: readonly Scope[]; minRole: 'admin' } = { scopes: SCOPES, minRole: 'admin' };

/**
 * Contract §2 rows 3–7, in order, for an already verified key: the first rule that fails
 * answers. Returns nothing when the call may go ahead.
 */
export function decideAccess(principal: Principal, access: RouteAccess | undefined): ApiError | undefined {
  const { tenant, key, owner } = principal;
  if (tenant.status === 'suspended') return tenantSuspended();
  if (!planHasApiAccess(tenant.plan)) return planWithoutApiAccess(tenant.plan);
  if (access?.kind === 'any-key') return undefined;

  const required = access?.kind === 'scope' ? { scopes: [access.scope], minRole: access.minRole } : UNDECLARED;
  for (const scope of required.scopes) {
    if (!planIncludes(tenant.plan, scope)) return scopeNotInPlan(tenant.plan, scope);
  }
  if (access?.kind === 'scope' && access.plans && !access.plans.includes(tenant.plan)) {
    return scopeNotInPlan(tenant.plan, access.scope);
  }
  for (const scope of required.scopes) {
    if (!key.scopes.includes(scope)) return insufficientScope(scope, key.scopes);
  }
  if (!roleAtLeast(owner.role, required.minRole)) return insufficientRole(required.minRole, owner.role);
  return undefined;
}

/** Row 2's key-level conditions that can change over time without the key changing. */
export function isKeyUsable(principal: Principal, now: Date): boolean {
  const { key, owner } = principal;
  if (key.revokedAt && key.revokedAt <= now) return false;
  if (key.expiresAt && key.expiresAt <= now) return false;
  return owner.enabled;
}
