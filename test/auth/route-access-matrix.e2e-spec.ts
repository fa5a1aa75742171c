import { randomUUID } from 'node:crypto';
import { SCOPES } from '@wardline/auth';
import { type Plan, ROLES, type Role } from '@wardline/database';
import { Fixtures } from '../support/fixtures';
import { type HttpClient } from '../support/http';

import { useApiSuite } from '../support/suite';

/**
 * Contract §2, copied here by hand rather than read from libs/auth, so a wrong entry in the
 * policy the guard enforces is a difference this suite sees: which plans include a scope and
 * the lowest owner role that may use it.
 */
const CONTRACT_SCOPES: Record<string, { plans: Plan[]; minRole: Role }> = {
  'cases:read': { plans: ['pro', 'council'], minRole: 'caseworker' },
  'cases:write': { plans: ['pro', 'council'], minRole: 'caseworker' },
  'wards:read': { plans: ['pro', 'council'], minRole: 'caseworker' },
  'categories:read': { plans: ['pro', 'council'], minRole: 'caseworker' },
  'events:read': { plans: ['pro', 'council'], minRole: 'caseworker' },
  'events:write': { plans: ['pro', 'council'], minRole: 'councillor' },
  'news:read': { plans: ['pro', 'council'], minRole: 'caseworker' },
  'news:write': { plans: ['pro', 'council'], minRole: 'councillor' },
  'users:read': { plans: ['council'], minRole: 'caseworker' },
  'reports:read': { plans: ['council'], minRole: 'caseworker' },
  'webhooks:read': { plans: ['council'], minRole: 'admin' },
  'webhooks:write': { plans: ['council'], minRole: 'admin' },
  'audit:read': { plans: ['council'], minRole: 'admin' },
  'settings:read': { plans: ['council'], minRole: 'manager' },
  'settings:write': { plans: ['council'], minRole: 'admin' },
};
const CONTRACT_ROLES: Role[] = ['caseworker', 'councillor', 'manager', 'admin'];

/** Contract §8: routes that ask more than their scope does (a higher role, fewer plans). */
const STRICTER_ROUTES: Record<string, { minRole: Role; plans: Plan[] }> = {
  'GET /api/residents/export': { minRole: 'manager', plans: ['council'] },
  'POST /api/residents/erase': { minRole: 'admin', plans: ['council'] },
};

/** Contract §4: the scope of every route built so far. A new route must be added here. */
const CONTRACT_ROUTES: Record<string, string | null> = {
  'GET /api/me': null,
  'GET /api/cases': 'cases:read',
  'GET /api/cases/export': 'cases:read',
  'GET /api/cases/{id}': 'cases:read',
  'POST /api/cases': 'cases:write',
  'PATCH /api/cases/{id}': 'cases:write',
  'POST /api/cases/{id}/notes': 'cases:write',
  'GET /api/wards': 'wards:read',
  'GET /api/wards/export': 'wards:read',
  'GET /api/wards/{id}': 'wards:read',
  'POST /api/wards': 'settings:write',
  'PATCH /api/wards/{id}': 'settings:write',
  'GET /api/categories': 'categories:read',
  'GET /api/categories/{id}': 'categories:read',
  'POST /api/categories': 'settings:write',
  'PATCH /api/categories/{id}': 'settings:write',
  'GET /api/users': 'users:read',
  'GET /api/users/{id}': 'users:read',
  'GET /api/cases/{id}/timeline': 'cases:read',
  'GET /api/events': 'events:read',
  'GET /api/events/{id}': 'events:read',
  'POST /api/events': 'events:write',
  'PATCH /api/events/{id}': 'events:write',
  'DELETE /api/events/{id}': 'events:write',
  'POST /api/events/approve': 'events:write',
  'GET /api/news': 'news:read',
  'GET /api/news/{id}': 'news:read',
  'POST /api/news': 'news:write',
  'PATCH /api/news/{id}': 'news:write',
  'DELETE /api/news/{id}': 'news:write',
  'POST /api/news/approve': 'news:write',
  'GET /api/reports/summary': 'reports:read',
  'GET /api/reports/cases-by-ward': 'reports:read',
  'GET /api/reports/cases-by-category': 'reports:read',
  'GET /api/reports/timeseries': 'reports:read',
  'GET /api/reports/public': 'reports:read',
  'GET /api/webhooks': 'webhooks:read',
  'POST /api/webhooks': 'webhooks:write',
  'GET /api/webhooks/{id}': 'webhooks:read',
  'PATCH /api/webhooks/{id}': 'webhooks:write',
  'DELETE /api/webhooks/{id}': 'webhooks:write',
  'POST /api/webhooks/{id}/rotate-secret': 'webhooks:write',
  'POST /api/webhooks/{id}/test': 'webhooks:write',
  'GET /api/webhooks/{id}/deliveries': 'webhooks:read',
  'POST /api/webhooks/{id}/deliveries/{id}/redeliver': 'webhooks:write',
  'GET /api/audit-logs': 'audit:read',
  'GET /api/settings': 'settings:read',
  'PATCH /api/settings': 'settings:write',
  'GET /api/residents/export': 'cases:read',
  'POST /api/residents/erase': 'cases:write',
};

const rank = (role: Role) => CONTRACT_ROLES.indexOf(role);
const contractAllows = (scope: string, plan: Plan, role: Role) =>
  CONTRACT_SCOPES[scope].plans.includes(plan) && rank(role) >= rank(CONTRACT_SCOPES[scope].minRole);
/** What a route asks: its scope's plans and role, or its own stricter ones. */
const routeRule = (route: string, scope: string) => STRICTER_ROUTES[route] ?? CONTRACT_SCOPES[scope];

interface RouteUnderTest {
  name: string;
  method: string;
  path: string;
  /** From the contract table, not from what the server declares. */
  scope: string | null;
}

/** Every key-protected operation the server serves (its OpenAPI document), with its scope. */
async function servedRoutes(request: HttpClient): Promise<Record<string, string | null>> {
  const document = (await request('GET', '/openapi.json')).body as {
    paths: Record<string, Record<string, { security?: unknown[]; 'x-required-scope'?: string }>>;
  };
  return Object.fromEntries(
    Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.security?.length)
        .map(([method, operation]) => [
          `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{id}')}`,
          operation['x-required-scope'] ?? null,
        ]),
    ),
  );
}

const routesUnderTest = (): RouteUnderTest[] =>
  Object.entries(CONTRACT_ROUTES).map(([name, scope]) => {
    const [method, path] = name.split(' ');
    return { name, method, path: path.replace(/\{id\}/g, () => randomUUID()), scope };
  });

const isAllowed = (status: number) => status !== 401 && status !== 403;

describe('scope × plan × role matrix: every route against the contract’s tables', () => {
  const suite = useApiSuite();
  let fixtures: Fixtures;
  let request: HttpClient;
  const routes = routesUnderTest();
  const scoped = routes.filter((route) => route.scope !== null);
  const keyOfRole = new Map<Role, string>();
  const keyWithout = new Map<string, string>();
  let proKeyOfRole: Map<Role, string>;

  beforeAll(async () => {
    ({ fixtures, request } = suite);
    const council = await fixtures.tenant('council');
    for (const role of ROLES) {
      const owner = await fixtures.user(council, role);
      keyOfRole.set(role, (await fixtures.key(council, owner, SCOPES)).key);
    }
    const admin = await fixtures.user(council, 'admin');
    for (const scope of SCOPES) {
      const others = SCOPES.filter((candidate) => candidate !== scope);
      keyWithout.set(scope, (await fixtures.key(council, admin, others)).key);
    }
    proKeyOfRole = new Map();
    for (const role of ROLES) proKeyOfRole.set(role, (await fixtures.keyedUser('pro', role, SCOPES)).key);
  });

  const call = (route: RouteUnderTest, key?: string) =>
    request(route.method, route.path, {
      key,
      json: ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined,
    });

  it('the contract tables name the same scopes and roles as the code', () => {
    expect(Object.keys(CONTRACT_SCOPES).toSorted()).toEqual([...SCOPES].toSorted());
    expect(CONTRACT_ROLES).toEqual([...ROLES]);
  });

  it('serves exactly the contract’s routes, each declaring the contract’s scope', async () => {
    expect(await servedRoutes(request)).toEqual(CONTRACT_ROUTES);
  });

  it('no key → 401 on every protected route', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const response = await call(route);
      if (response.status !== 401 || response.body.error !== 'Missing API key') {
        wrong.push(`${route.name}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a key lacking exactly the route scope → 403 Insufficient scope naming it', async () => {
    const wrong: string[] = [];
    for (const route of scoped) {
      const response = await call(route, keyWithout.get(route.scope!));
      if (response.status !== 403 || response.body.details?.requiredScope !== route.scope) {
        wrong.push(`${route.name}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(['pro', 'council'] as const)(
    '%s plan: each role passes exactly the routes plan and rank allow (all scopes granted)',
    async (plan) => {
      const wrong: string[] = [];
      for (const route of routes) {
        for (const role of ROLES) {
          const response = await call(route, (plan === 'pro' ? proKeyOfRole : keyOfRole).get(role));
          const scope = route.scope;
          const rule = scope === null ? null : routeRule(route.name, scope);
          const allowed = rule === null || (rule.plans.includes(plan) && rank(role) >= rank(rule.minRole));
          const planLacks = rule !== null && !rule.plans.includes(plan);
          const ok = allowed
            ? isAllowed(response.status)
            : planLacks
              ? response.status === 403 &&
                response.body.details?.requiredScope === scope &&
                response.body.details?.plan === plan
              : response.status === 403 &&
                response.body.error === 'Insufficient role' &&
                response.body.details?.requiredRole === rule!.minRole;
          if (!ok) wrong.push(`${plan} ${role} ${route.name}: ${response.status}`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(['pro', 'council'] as const)(
    '%s plan: GET /api/me lists as effectiveScopes exactly what plan and role allow',
    async (plan) => {
      for (const role of ROLES) {
        const response = await request('GET', '/api/me', {
          key: (plan === 'pro' ? proKeyOfRole : keyOfRole).get(role),
        });
        const expected = Object.keys(CONTRACT_SCOPES).filter((scope) => contractAllows(scope, plan, role));
        expect({ role, effective: response.body.effectiveScopes?.toSorted() }).toEqual({
          role,
          effective: expected.toSorted(),
        });
      }
    },
  );
});
