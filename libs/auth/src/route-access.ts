import { applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { ApiErrorResponses } from '@wardline/common';
import type { Plan, Role } from '@wardline/database';
import { SCOPE_POLICY, type Scope } from './scope-policy';

export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'apiKey';

/** What a route needs. A route that declares nothing needs everything (deny by default). */
export type RouteAccess =
  { kind: 'public' } | { kind: 'any-key' } | { kind: 'scope'; scope: Scope; minRole: Role; plans?: readonly Plan[] };

export const RouteAccessMetadata = Reflector.createDecorator<RouteAccess>();

const documentKeyAuth = (scopes: string[]) =>
  applyDecorators(
    ApiSecurity(BEARER_SCHEME, scopes),
    ApiSecurity(API_KEY_SCHEME, scopes),
    ApiErrorResponses(401, 403, 429, 503),
  );

/** No key needed (health, docs). */
export const Public = () => RouteAccessMetadata({ kind: 'public' });

/** Any valid key of a tenant with API access, whatever its scopes (`GET /api/me`). */
export const AnyApiKey = () => applyDecorators(RouteAccessMetadata({ kind: 'any-key' }), documentKeyAuth([]));

/**
 * Declares the scope (and optionally a higher minimum owner role, or fewer plans than the
 * scope's) a route needs. The same
 * declaration is enforced by the guard and written to the OpenAPI document, with the plans
 * that include the scope.
 */
export function RequireScope(scope: Scope, options: { minRole?: Role; plans?: readonly Plan[] } = {}) {
  const minRole = options.minRole ?? SCOPE_POLICY[scope].minRole;
  const plans = options.plans ?? SCOPE_POLICY[scope].plans;
  return applyDecorators(
    RouteAccessMetadata({ kind: 'scope', scope, minRole, plans }),
    documentKeyAuth([scope]),
    ApiExtension('x-required-scope', scope),
    ApiExtension('x-minimum-role', minRole),
    ApiExtension('x-plans', plans),
  );
}
