import { checkScopesForPlan } from './api-key-scope-check';
import { ApiError } from '@wardline/common';

describe('checkScopesForPlan', () => {
  it('keeps the given order and drops duplicates and blanks', () => {
    expect(checkScopesForPlan(['cases:write', ' cases:read ', 'cases:write', ''], 'pro')).toEqual([
      'cases:write',
      'cases:read',
    ]);
  });

  it('allows council-only scopes on council', () => {
    expect(checkScopesForPlan(['reports:read', 'audit:read'], 'council')).toEqual(['reports:read', 'audit:read']);
  });

  it('names the scopes outside the plan, and the plan', () => {
    expect(() => checkScopesForPlan(['cases:read', 'reports:read', 'webhooks:write'], 'pro')).toThrow(
      /^Scopes not included in the pro plan: reports:read, webhooks:write \(/,
    );
  });

  it('refuses plans without API access', () => {
    for (const plan of ['free', 'team'] as const) {
      expect(() => checkScopesForPlan(['cases:read'], plan)).toThrow(`The ${plan} plan has no API access`);
    }
  });

  it('refuses unknown scopes and an empty list', () => {
    expect(() => checkScopesForPlan(['cases:read', 'cases:delete'], 'council')).toThrow('Unknown scope: cases:delete');
    expect(() => checkScopesForPlan([], 'council')).toThrow(ApiError);
    expect(() => checkScopesForPlan([' ', ''], 'council')).toThrow('At least one scope is required');
  });
});
