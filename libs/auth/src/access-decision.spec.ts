import type { Plan, Role } from '@wardline/database';
import { decideAccess, isKeyUsable } from './access-decision';
import type { Principal } from './principal';
import { effectiveScopes, SCOPES } from './scope-policy';

function principal(plan: Plan, role: Role, scopes: string[], status: 'active' | 'suspended' = 'active'): Principal {
  return {
    tenant: { id: 't', name: 'T', slug: 't', plan, status },
    key: { id: 'k', name: 'k', prefix: 'wl_x', scopes, expiresAt: null, revokedAt: null, createdAt: new Date() },
    owner: { id: 'u', name: 'U', role, enabled: true },
  };
}

const body = (error: ReturnType<typeof decideAccess>) => ({ status: error?.getStatus(), body: error?.getResponse() });

describe('decideAccess (contract §2 rows 3–7, in order)', () => {
  const casesWrite = { kind: 'scope', scope: 'cases:write', minRole: 'caseworker' } as const;

  it('lets a key through when plan, scope and role allow', () => {
    expect(decideAccess(principal('pro', 'caseworker', ['cases:write']), casesWrite)).toBeUndefined();
  });

  it('answers suspension before the plan', () => {
    expect(body(decideAccess(principal('free', 'admin', [], 'suspended'), casesWrite))).toEqual({
      status: 403,
      body: { error: 'Tenant suspended' },
    });
  });

  it('refuses free and team plans even for /api/me', () => {
    for (const plan of ['free', 'team'] as const) {
      expect(body(decideAccess(principal(plan, 'admin', ['cases:write']), { kind: 'any-key' }))).toEqual({
        status: 403,
        body: { error: 'API access requires a Pro or Council plan', details: { plan } },
      });
    }
  });

  it('checks the plan before the key, and the key before the role', () => {
    const reports = { kind: 'scope', scope: 'reports:read', minRole: 'caseworker' } as const;
    expect(body(decideAccess(principal('pro', 'caseworker', []), reports)).body).toEqual({
      error: 'Your plan does not include this feature',
      details: { plan: 'pro', requiredScope: 'reports:read' },
    });
    const error = decideAccess(principal('council', 'caseworker', ['cases:read']), reports);
    expect(body(error).body).toEqual({
      error: 'Insufficient scope',
      details: { requiredScope: 'reports:read', grantedScopes: ['cases:read'] },
    });
    const newsWrite = { kind: 'scope', scope: 'news:write', minRole: 'councillor' } as const;
    expect(body(decideAccess(principal('pro', 'caseworker', ['news:write']), newsWrite)).body).toEqual({
      error: 'Insufficient role',
      details: { requiredRole: 'councillor', role: 'caseworker' },
    });
  });

  it("refuses a plan the route leaves out even where the scope's plans include it", () => {
    const residents = { kind: 'scope', scope: 'cases:read', minRole: 'manager', plans: ['council'] } as const;
    expect(body(decideAccess(principal('pro', 'admin', ['cases:read']), residents)).body).toEqual({
      error: 'Your plan does not include this feature',
      details: { plan: 'pro', requiredScope: 'cases:read' },
    });
    expect(decideAccess(principal('council', 'manager', ['cases:read']), residents)).toBeUndefined();
  });

  it('makes an undeclared route need every scope', () => {
    expect(decideAccess(principal('council', 'admin', ['cases:read']), undefined)?.getStatus()).toBe(403);
    expect(decideAccess(principal('council', 'admin', [...SCOPES]), undefined)).toBeUndefined();
  });
});

describe('isKeyUsable', () => {
  it('refuses revoked, expired and owner-disabled keys', () => {
    const now = new Date();
    const ok = principal('pro', 'admin', []);
    expect(isKeyUsable(ok, now)).toBe(true);
    expect(isKeyUsable({ ...ok, key: { ...ok.key, revokedAt: new Date(now.getTime() - 1) } }, now)).toBe(false);
    expect(isKeyUsable({ ...ok, key: { ...ok.key, expiresAt: new Date(now.getTime() - 1) } }, now)).toBe(false);
    expect(isKeyUsable({ ...ok, key: { ...ok.key, expiresAt: new Date(now.getTime() + 60_000) } }, now)).toBe(true);
    expect(isKeyUsable({ ...ok, owner: { ...ok.owner, enabled: false } }, now)).toBe(false);
  });
});

describe('effectiveScopes', () => {
  it('keeps the scopes that plan and role allow', () => {
    const all = [...SCOPES];
    expect(effectiveScopes(all, 'team', 'admin')).toEqual([]);
    expect(effectiveScopes(all, 'pro', 'admin')).toEqual([
      'cases:read',
      'cases:write',
      'wards:read',
      'categories:read',
      'events:read',
      'events:write',
      'news:read',
      'news:write',
    ]);
    expect(effectiveScopes(all, 'council', 'caseworker')).not.toContain('news:write');
    expect(effectiveScopes(all, 'council', 'manager')).toContain('settings:read');
    expect(effectiveScopes(all, 'council', 'manager')).not.toContain('settings:write');
    expect(effectiveScopes(all, 'council', 'admin')).toEqual(all);
  });
});
