import { type Plan, ROLES, type Role } from '@wardline/database';

export const SCOPES = [
  'cases:read',
  'cases:write',
  'wards:read',
  'categories:read',
  'events:read',
  'events:write',
  'news:read',
  'news:write',
  'users:read',
  'reports:read',
  'webhooks:read',
  'webhooks:write',
  'audit:read',
  'settings:read',
  'settings:write',
] as const;
export type Scope = (typeof SCOPES)[number];

const PRO_AND_COUNCIL: readonly Plan[] = ['pro', 'council'];
const COUNCIL: readonly Plan[] = ['council'];

interface ScopeRule {
  plans: readonly Plan[];
  /** The lowest owner role that may use the scope; a route may ask for more. */
  minRole: Role;
}

/** The one table of which plan includes which scope and who may use it (contract §2). */
export const SCOPE_POLICY: Readonly<Record<Scope, ScopeRule>> = {
  'cases:read': { plans: PRO_AND_COUNCIL, minRole: 'caseworker' },
  'cases:write': { plans: PRO_AND_COUNCIL, minRole: 'caseworker' },
  'wards:read': { plans: PRO_AND_COUNCIL, minRole: 'caseworker' },
  'categories:read': { plans: PRO_AND_COUNCIL, minRole: 'caseworker' },
  'events:read': { plans: PRO_AND_COUNCIL, minRole: 'caseworker' },
  'events:write': { plans: PRO_AND_COUNCIL, minRole: 'councillor' },
  'news:read': { plans: PRO_AND_COUNCIL, minRole: 'caseworker' },
  'news:write': { plans: PRO_AND_COUNCIL, minRole: 'councillor' },
  'users:read': { plans: COUNCIL, minRole: 'caseworker' },
  'reports:read': { plans: COUNCIL, minRole: 'caseworker' },
  'webhooks:read': { plans: COUNCIL, minRole: 'admin' },
  'webhooks:write': { plans: COUNCIL, minRole: 'admin' },
  'audit:read': { plans: COUNCIL, minRole: 'admin' },
  'settings:read': { plans: COUNCIL, minRole: 'manager' },
  'settings:write': { plans: COUNCIL, minRole: 'admin' },
};

export const API_PLANS: readonly Plan[] = PRO_AND_COUNCIL;

export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

export const planHasApiAccess = (plan: Plan): boolean => API_PLANS.includes(plan);

export const planIncludes = (plan: Plan, scope: Scope): boolean => SCOPE_POLICY[scope].plans.includes(plan);

export const scopesOfPlan = (plan: Plan): Scope[] => SCOPES.filter((scope) => planIncludes(plan, scope));

export const roleAtLeast = (role: Role, minimum: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(minimum);

/** The key's scopes that its tenant's plan and its owner's role allow right now. */
export function effectiveScopes(granted: readonly string[], plan: Plan, role: Role): Scope[] {
  if (!planHasApiAccess(plan)) return [];
  return SCOPES.filter(
    (scope) => granted.includes(scope) && planIncludes(plan, scope) && roleAtLeast(role, SCOPE_POLICY[scope].minRole),
  );
}
