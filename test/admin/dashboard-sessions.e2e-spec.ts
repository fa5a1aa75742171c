import type { TenantView, UserView } from '@wardline/accounts';
import type { Role } from '@wardline/database';
import {
  DASHBOARD_PASSWORD as PASSWORD,
  DashboardClient,
  dashboardUser,
  shownKeyOf,
  signedInClient,
} from '../support/dashboard-client';
import { uniqueSuffix } from '../support/fixtures';
import { statusWithin } from '../support/http';
import { useApiSuite } from '../support/suite';

const WRONG = 'The email address or password is not right.';

describe('dashboard sessions', () => {
  const suite = useApiSuite();
  const client = () => new DashboardClient(suite.app.baseUrl);
  const tokenHashes = async (userId: string) =>
    (await suite.fixtures.owner.query('SELECT id FROM dashboard_sessions WHERE user_id = $1', [userId])) as {
      id: string;
    }[];
  const auditActions = async (tenantId: string) =>
    (
      (await suite.fixtures.owner.query(
        `SELECT action, actor_type AS "actorType", actor_id AS "actorId", resource_id AS "resourceId"
           FROM audit_logs WHERE tenant_id = $1 ORDER BY occurred_at, id`,
        [tenantId],
      )) as { action: string; actorType: string; actorId: string | null; resourceId: string | null }[]
    ).filter((entry) => entry.actorType === 'user');

  async function member(role: Role = 'admin', tenant?: TenantView): Promise<{ tenant: TenantView; user: UserView }> {
    const council = tenant ?? (await suite.fixtures.tenant('council', 'dash'));
    return { tenant: council, user: await dashboardUser(suite.fixtures, council, role) };
  }

  async function signedIn(role: Role = 'admin', tenant?: TenantView) {
    const made = await member(role, tenant);
    return { ...made, browser: await signedInClient(suite.app.baseUrl, made.user.email) };
  }

  it('signs in with an HttpOnly, SameSite=Lax session cookie and records the sign-in', async () => {
    const { tenant, user } = await member('admin');
    const browser = client();
    const response = await browser.signIn(user.email.toUpperCase(), PASSWORD);
    expect(response.status).toBe(303);
    expect(response.location).toBe('/admin');
    const cookie = response.setCookies.find((value) => value.startsWith('wl_session='));
    expect(cookie).toMatch(/; Path=\/admin; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    expect(cookie).not.toContain('Secure');
    expect((await browser.get('/admin')).location).toBe('/admin/api-keys');
    const keys = await browser.get('/admin/api-keys');
    expect(keys.status).toBe(200);
    expect(keys.html).toContain('Create an API key');
    expect(await auditActions(tenant.id)).toEqual([
      { action: 'user.signed_in', actorType: 'user', actorId: user.id, resourceId: user.id },
    ]);
  });

  it('answers an unknown email and a wrong password with the same message', async () => {
    const { user } = await member('admin');
    const unknown = await client().signIn(`${uniqueSuffix()}@nobody.example`, PASSWORD);
    const wrong = await client().signIn(user.email, 'not the password');
    for (const response of [unknown, wrong]) {
      expect(response.status).toBe(401);
      expect(response.html).toContain(WRONG);
      expect(response.setCookies.some((value) => value.startsWith('wl_session='))).toBe(false);
    }
  });

  it('refuses a sign-in or a change without the CSRF token', async () => {
    const { user } = await member('admin');
    const browser = client();
    await browser.get('/admin/sign-in');
    expect((await browser.post('/admin/sign-in', { email: user.email, password: PASSWORD }, null)).status).toBe(403);
    expect((await browser.post('/admin/sign-in', { email: user.email, password: PASSWORD }, 'forged')).status).toBe(
      403,
    );
    expect((await browser.signIn(user.email, PASSWORD)).status).toBe(303);
    await browser.get('/admin/api-keys/new');
    const refused = await browser.post('/admin/api-keys', { name: 'no token', scopes: 'cases:read' }, null);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('did not come from this site');
  });

  it('gives a new session id at every sign-in and never adopts one the browser brings', async () => {
    const { user, browser } = await signedIn('admin');
    const first = browser.cookies.get('wl_session') as string;
    const again = await browser.signIn(user.email, PASSWORD);
    expect(again.status).toBe(303);
    const second = browser.cookies.get('wl_session') as string;
    expect(second).not.toBe(first);
    expect(await tokenHashes(user.id)).toHaveLength(1);

    const stale = client();
    stale.cookies.set('wl_session', first);
    expect((await stale.get('/admin/api-keys')).location).toBe('/admin/sign-in');

    const planted = client();
    planted.cookies.set('wl_session', 'attacker-chosen-value');
    await planted.signIn(user.email, PASSWORD);
    expect(planted.cookies.get('wl_session')).not.toBe('attacker-chosen-value');
  });

  it('ends a session idle for 30 minutes, and any session 12 hours after sign-in', async () => {
    const idle = await signedIn('admin');
    await suite.fixtures.owner.query(
      `UPDATE dashboard_sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`,
      [idle.user.id],
    );
    expect((await idle.browser.get('/admin/api-keys')).location).toBe('/admin/sign-in');
    expect(await tokenHashes(idle.user.id)).toHaveLength(0);

    const old = await signedIn('admin');
    await suite.fixtures.owner.query(
      `UPDATE dashboard_sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [old.user.id],
    );
    expect((await old.browser.get('/admin/profile')).location).toBe('/admin/sign-in');
    expect(await tokenHashes(old.user.id)).toHaveLength(0);
  });

  it('signs out: the session ends and its cookie is cleared', async () => {
    const { tenant, browser } = await signedIn('manager');
    const token = browser.cookies.get('wl_session') as string;
    await browser.get('/admin/profile');
    const out = await browser.post('/admin/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/admin/sign-in');
    expect(browser.cookies.has('wl_session')).toBe(false);
    const replay = client();
    replay.cookies.set('wl_session', token);
    expect((await replay.get('/admin/profile')).location).toBe('/admin/sign-in');
    expect((await auditActions(tenant.id)).map((entry) => entry.action)).toEqual(['user.signed_in', 'user.signed_out']);
  });

  it('ends the sessions of a disabled user and of a suspended council, and refuses their sign-in', async () => {
    const disabled = await signedIn('admin');
    await suite.fixtures.disableUser(disabled.user.id);
    expect((await disabled.browser.get('/admin/api-keys')).location).toBe('/admin/sign-in');
    const refused = await client().signIn(disabled.user.email, PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.html).toContain('This account is disabled');

    const suspended = await signedIn('admin');
    await suite.fixtures.suspendTenant(suspended.tenant.id);
    expect((await suspended.browser.get('/admin/profile')).location).toBe('/admin/sign-in');
    expect((await client().signIn(suspended.user.email, PASSWORD)).html).toContain('suspended');
    expect(await tokenHashes(suspended.user.id)).toHaveLength(0);
  });
});

// Their own server, so the per-IP count they run up cannot refuse other suites' sign-ins.
describe('dashboard sign-in limits', () => {
  const suite = useApiSuite();
  const client = () => new DashboardClient(suite.app.baseUrl);
  const member = async () => ({
    user: await dashboardUser(suite.fixtures, await suite.fixtures.tenant('council', 'dash'), 'admin'),
  });

  it('limits failed sign-ins per account (the right password included), then per client IP across accounts', async () => {
    const { user } = await member();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await client().signIn(user.email, `wrong ${attempt}`)).status).toBe(401);
    }
    const limited = await client().signIn(user.email, PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.html).toContain('Too many failed sign-ins');

    const other = (await member()).user;
    const browser = client();
    await browser.get('/admin/sign-in');
    const csrf = browser.csrf;
    // 5 were spent above from this IP: the limit is 20 per 15 minutes.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 16; attempt++) {
      const response = await browser.post(
        '/admin/sign-in',
        {
          email: `${uniqueSuffix()}@nobody.example`,
          password: 'guess',
        },
        csrf,
      );
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect((await browser.post('/admin/sign-in', { email: other.email, password: PASSWORD }, csrf)).status).toBe(429);
  });
});

describe('dashboard key management', () => {
  const suite = useApiSuite();

  async function admin(role: Role = 'admin') {
    const tenant = await suite.fixtures.tenant('council', 'keys');
    const user = await dashboardUser(suite.fixtures, tenant, role);
    return { tenant, user, browser: await signedInClient(suite.app.baseUrl, user.email) };
  }
  const userAudit = async (tenantId: string) =>
    (await suite.fixtures.owner.query(
      `SELECT action, actor_type AS "actorType", actor_id AS "actorId", resource_id AS "resourceId"
         FROM audit_logs WHERE tenant_id = $1 AND actor_type = 'user' AND action LIKE 'api_key.%'
         ORDER BY occurred_at, id`,
      [tenantId],
    )) as { action: string; actorType: string; actorId: string; resourceId: string }[];

  it('creates, rotates and deactivates keys, each change audited with the user as actor', async () => {
    const { tenant, user, browser } = await admin();
    await browser.get('/admin/api-keys/new');
    const created = await browser.post('/admin/api-keys', { name: 'CRM sync', scopes: ['cases:read', 'wards:read'] });
    expect(created.status).toBe(201);
    expect(created.html).toContain("you won't see this key again");
    const key = shownKeyOf(created.html);
    const me = await suite.request('GET', '/api/me', { key });
    expect(me.status).toBe(200);
    expect(me.body.key.scopes).toEqual(['cases:read', 'wards:read']);
    const keyId = me.body.key.id as string;

    await browser.get(`/admin/api-keys/${keyId}/rotate`);
    const rotated = await browser.post(`/admin/api-keys/${keyId}/rotate`, { graceHours: '24' });
    expect(rotated.status).toBe(201);
    expect(rotated.html).toContain('keeps working until');
    const next = shownKeyOf(rotated.html);
    expect((await suite.request('GET', '/api/me', { key })).status).toBe(200);
    const nextMe = await suite.request('GET', '/api/me', { key: next });
    expect(nextMe.body.key).toMatchObject({ name: 'CRM sync', scopes: ['cases:read', 'wards:read'] });

    await browser.get(`/admin/api-keys/${nextMe.body.key.id}/revoke`);
    const revoked = await browser.post(`/admin/api-keys/${nextMe.body.key.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(await statusWithin(suite.request, 401, 2000, 'GET', '/api/me', { key: next })).toBe(401);

    const list = await browser.get('/admin/api-keys?status=revoked');
    expect(list.html).toContain(nextMe.body.key.prefix);
    expect(list.html).not.toContain(me.body.key.prefix);
    expect(await userAudit(tenant.id)).toEqual([
      { action: 'api_key.created', actorType: 'user', actorId: user.id, resourceId: keyId },
      { action: 'api_key.created', actorType: 'user', actorId: user.id, resourceId: nextMe.body.key.id },
      { action: 'api_key.rotated', actorType: 'user', actorId: user.id, resourceId: keyId },
      { action: 'api_key.revoked', actorType: 'user', actorId: user.id, resourceId: nextMe.body.key.id },
    ]);
  });

  it("never lists, revokes or rotates another council's keys", async () => {
    const { browser } = await admin();
    const other = await suite.fixtures.keyedUser('council', 'admin');
    await browser.get('/admin/api-keys');
    expect((await browser.get('/admin/api-keys')).html).not.toContain(other.keyId);
    expect((await browser.get(`/admin/api-keys/${other.keyId}/revoke`)).status).toBe(404);
    expect((await browser.get(`/admin/api-keys/${other.keyId}/rotate`)).status).toBe(404);
    expect((await browser.post(`/admin/api-keys/${other.keyId}/revoke`, {})).status).toBe(404);
    expect((await browser.post(`/admin/api-keys/${other.keyId}/rotate`, { graceHours: '0' })).status).toBe(404);
    expect((await browser.post('/admin/api-keys/not-a-uuid/revoke', {})).status).toBe(404);
    expect((await suite.request('GET', '/api/me', { key: other.key })).status).toBe(200);
    const [key] = await suite.fixtures.listKeys(other.tenant);
    expect(key.status).toBe('active');
  });

  it('refuses an owner from another council and scopes outside the plan', async () => {
    const { browser } = await admin();
    const other = await suite.fixtures.keyedUser('council', 'admin');
    await browser.get('/admin/api-keys/new');
    const foreignOwner = await browser.post('/admin/api-keys', {
      name: 'x',
      ownerId: other.owner.id,
      scopes: 'cases:read',
    });
    expect(foreignOwner.status).toBe(422);
    expect(foreignOwner.html).toContain('role="alert"');

    const pro = await suite.fixtures.tenant('pro', 'prokeys');
    const proAdmin = await dashboardUser(suite.fixtures, pro, 'admin');
    const proBrowser = await signedInClient(suite.app.baseUrl, proAdmin.email);
    const form = await proBrowser.get('/admin/api-keys/new');
    expect(form.html).toMatch(/value="audit:read"[^>]*disabled/);
    expect(form.html).toContain('not in your plan');
    const refused = await proBrowser.post('/admin/api-keys', { name: 'x', scopes: 'audit:read' });
    expect(refused.status).toBe(422);
  });

  it('shows a plan without API access why, instead of the form', async () => {
    const team = await suite.fixtures.tenant('team', 'teamkeys');
    const user = await dashboardUser(suite.fixtures, team, 'admin');
    const browser = await signedInClient(suite.app.baseUrl, user.email);
    const page = await browser.get('/admin/api-keys/new');
    expect(page.html).toContain('does not include API access');
    expect(page.html).not.toContain('name="scopes"');
    expect((await browser.post('/admin/api-keys', { name: 'x', scopes: 'cases:read' })).html).toContain(
      'does not include API access',
    );
  });

  it('lets everyone else see their own keys and edit their public profile, audited and announced', async () => {
    const { tenant, user, browser } = await admin('councillor');
    const forbidden = await browser.get('/admin/api-keys');
    expect(forbidden.status).toBe(403);
    expect(forbidden.html).toContain('Only an admin');
    const profile = await browser.get('/admin/profile');
    expect((await browser.post('/admin/api-keys', { name: 'x', scopes: 'cases:read' })).status).toBe(403);
    expect(profile.status).toBe(200);

    const saved = await browser.post('/admin/profile', {
      name: 'Cllr Jo Bloggs',
      party: 'Independent',
      publicEmail: 'jo@council.example',
      bio: 'Ward councillor since 2022.',
    });
    expect(saved.status).toBe(303);
    expect((await browser.get('/admin/profile')).html).toContain('Independent');
    const [entry] = (await suite.fixtures.owner.query(
      `SELECT action, actor_type AS "actorType", actor_id AS "actorId" FROM audit_logs
        WHERE tenant_id = $1 AND action = 'user.profile_updated'`,
      [tenant.id],
    )) as object[];
    expect(entry).toEqual({ action: 'user.profile_updated', actorType: 'user', actorId: user.id });
    const events = (await suite.fixtures.owner.query(`SELECT type, payload FROM outbox_events WHERE tenant_id = $1`, [
      tenant.id,
    ])) as { type: string; payload: { data?: { party?: string }; party?: string } }[];
    expect(events.map((event) => event.type)).toEqual(['councillor_profile_updated']);

    const invalid = await browser.post('/admin/profile', { name: '', party: '', publicEmail: 'nope', bio: '' });
    expect(invalid.status).toBe(422);
  });
});
