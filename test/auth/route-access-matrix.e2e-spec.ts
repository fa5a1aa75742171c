import { randomUUID } from 'node:crypto';
import { planIncludes, roleAtLeast, type Scope, SCOPES } from '@wardline/auth';
import { ROLES, type Role } from '@wardline/database';
import { Fixtures } from '../support/fixtures';
import { type HttpClient } from '../support/http';

import { useApiSuite } from '../support/suite';

interface RouteUnderTest {
  method: string;
  path: string;
  scope: Scope | undefined;
  minRole: Role | undefined;
}

/** Every key-protected operation, read from the served OpenAPI document (the route metadata). */
async function protectedRoutes(request: HttpClient): Promise<RouteUnderTest[]> {
  const document = (await request('GET', '/openapi.json')).body as {
    paths: Record<
      string,
      Record<string, { security?: unknown[]; 'x-required-scope'?: Scope; 'x-minimum-role'?: Role }>
    >;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.security?.length)
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, () => randomUUID()),
        scope: operation['x-required-scope'],
        minRole: operation['x-minimum-role'],
      })),
  );
}

const isAllowed = (status: number) => status !== 401 && status !== 403;

describe('scope × plan × role matrix, generated from every registered route', () => {
  const suite = useApiSuite();
  let fixtures: Fixtures;
  let request: HttpClient;
  let routes: RouteUnderTest[];
  const keyOfRole = new Map<Role, string>();
  const keyWithout = new Map<Scope, string>();
  let proKey: string;

  beforeAll(async () => {
    ({ fixtures, request } = suite);
    routes = await protectedRoutes(request);

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
    proKey = (await fixtures.keyedUser('pro', 'admin', SCOPES)).key;
  });

  const call = (route: RouteUnderTest, key?: string) =>
    request(route.method, route.path, {
      key,
      json: ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined,
    });

  it('finds the routes and every one declares a scope, except /api/me', () => {
    expect(routes.length).toBeGreaterThan(5);
    const undeclared = routes.filter((route) => !route.scope).map((route) => `${route.method} ${route.path}`);
    expect(undeclared).toEqual(['GET /api/me']);
  });

  it('no key → 401 on every protected route', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const response = await call(route);
      if (response.status !== 401 || response.body.error !== 'Missing API key') {
        wrong.push(`${route.method} ${route.path}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a key lacking exactly the route scope → 403 Insufficient scope naming it', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((candidate) => candidate.scope)) {
      const scope = route.scope as Scope;
      const response = await call(route, keyWithout.get(scope));
      if (response.status !== 403 || response.body.details?.requiredScope !== scope) {
        wrong.push(`${route.method} ${route.path}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a pro plan reaches pro scopes and gets 403 (plan) on council-only ones', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((candidate) => candidate.scope)) {
      const scope = route.scope as Scope;
      const response = await call(route, proKey);
      const expectAllowed = planIncludes('pro', scope);
      const ok = expectAllowed
        ? isAllowed(response.status)
        : response.status === 403 &&
          response.body.details?.requiredScope === scope &&
          response.body.details?.plan === 'pro';
      if (!ok) wrong.push(`${route.method} ${route.path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('each role passes exactly the routes its rank allows (all scopes granted, council plan)', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      for (const role of ROLES) {
        const response = await call(route, keyOfRole.get(role));
        const expectAllowed = !route.minRole || roleAtLeast(role, route.minRole);
        const ok = expectAllowed
          ? isAllowed(response.status)
          : response.status === 403 &&
            response.body.error === 'Insufficient role' &&
            response.body.details?.requiredRole === route.minRole;
        if (!ok) wrong.push(`${role} ${route.method} ${route.path}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
