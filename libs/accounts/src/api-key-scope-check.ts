import { isScope, planHasApiAccess, type Scope, SCOPES, scopesOfPlan } from '@wardline/auth/scope-policy';
import type { Plan } from '@wardline/database';
import { ApiError } from '@wardline/common';

const plural = (count: number, word: string): string => (count === 1 ? word : `${word}s`);

/**
 * The scopes a new key may carry on this plan (contract §2): at least one, all known, all
 * included in the plan. Duplicates are dropped; the order given is kept.
 */
export function checkScopesForPlan(requested: readonly string[], plan: Plan): Scope[] {
  const scopes = [...new Set(requested.map((scope) => scope.trim()).filter(Boolean))];
  if (scopes.length === 0) throw ApiError.unprocessable('At least one scope is required');

  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) {
    throw ApiError.unprocessable(
      `Unknown ${plural(unknown.length, 'scope')}: ${unknown.join(', ')} (valid scopes: ${SCOPES.join(', ')})`,
    );
  }
  if (!planHasApiAccess(plan)) {
    throw ApiError.unprocessable(
      `The ${plan} plan has no API access: API keys need a Pro or Council plan (refused: ${scopes.join(', ')})`,
    );
  }
  const allowed = scopesOfPlan(plan);
  const outside = scopes.filter((scope) => !(allowed as string[]).includes(scope));
  if (outside.length > 0) {
    throw ApiError.unprocessable(
      `${plural(outside.length, 'Scope')} not included in the ${plan} plan: ${outside.join(', ')} ` +
        `(the ${plan} plan allows: ${allowed.join(', ')})`,
      { plan, refusedScopes: outside },
    );
  }
  return scopes as Scope[];
}
