import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@wardline/common';
import type { Plan, Role } from '@wardline/database';

const CHALLENGE = 'Bearer realm="wardline"';

export const missingApiKey = () =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'Missing API key', undefined, { 'WWW-Authenticate': CHALLENGE });

/** One message for every kind of bad key, so the answer tells a guesser nothing. */
export const invalidApiKey = () =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'Invalid API key', undefined, { 'WWW-Authenticate': CHALLENGE });

export const tenantSuspended = () => new ApiError(HttpStatus.FORBIDDEN, 'Tenant suspended');

export const planWithoutApiAccess = (plan: Plan) =>
  new ApiError(HttpStatus.FORBIDDEN, 'API access requires a Pro or Council plan', { plan });

export const scopeNotInPlan = (plan: Plan, requiredScope: string) =>
  new ApiError(HttpStatus.FORBIDDEN, 'Your plan does not include this feature', { plan, requiredScope });

export const insufficientScope = (requiredScope: string, grantedScopes: string[]) =>
  new ApiError(
    HttpStatus.FORBIDDEN,
    'Insufficient scope',
    { requiredScope, grantedScopes },
    { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${requiredScope}"` },
  );

export const insufficientRole = (requiredRole: Role, role: Role) =>
  new ApiError(HttpStatus.FORBIDDEN, 'Insufficient role', { requiredRole, role });
