import type { Role } from '@wardline/database';
import { type DashboardClient, dashboardUser, signedInClient } from '../support/dashboard-client';
import { uniqueSuffix } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

/** The one-time secret on the "added" page. */
const shownSecretOf = (html: string): string => {
  const secret = /id="new-secret"[^>]*value="(whsec_[A-Za-z0-9+/=]+)"/.exec(html)?.[1];
  if (!secret) throw new Error('The page shows no signing secret');
  return secret;
};

/** A loopback URL: allowed here only by the suite's webhook allow-list. */
const hookUrl = () => `http://127.0.0.1:9/hooks/${uniqueSuffix()}`;

/** Adds an endpoint through the form; its id and the secret shown once. */
async function addEndpoint(browser: DashboardClient, url = hookUrl()) {
  await browser.get('/admin/webhooks/new');
  const added = await browser.post('/admin/webhooks', {
    url,
    description: 'CRM <sync>',
    events: ['case_created', 'case_closed'],
  });
  expect(added.status).toBe(201);
  const id = /href="\/admin\/webhooks\/([0-9a-f-]{36})"/.exec(added.html)?.[1] as string;
  return { id, url, secret: shownSecretOf(added.html), html: added.html };
}

describe('Admin → Webhooks pages', () => {
  const suite = useApiSuite({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });

  async function signedIn(role: Role = 'admin', tenantId?: string) {
    const tenant = tenantId ? { id: tenantId } : await suite.fixtures.tenant('council', 'hooks');
    const user = await dashboardUser(suite.fixtures, tenant, role);
    return { tenant, user, browser: await signedInClient(suite.app.baseUrl, user.email) };
  }

  const userAudit = async (tenantId: string) =>
    (await suite.fixtures.owner.query(
      `SELECT action, actor_type AS "actorType", actor_id AS "actorId", resource_id AS "resourceId"
           FROM audit_logs WHERE tenant_id = $1 AND action LIKE 'webhook.%' ORDER BY occurred_at, id`,
      [tenantId],
    )) as { action: string; actorType: string; actorId: string | null; resourceId: string | null }[];

  it('adds an endpoint, shows its secret once, lists it and records the admin as the actor', async () => {
    const { tenant, user, browser } = await signedIn();
    const form = await browser.get('/admin/webhooks/new');
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="events" value="councillor_profile_updated"');

    const endpoint = await addEndpoint(browser);
    expect(endpoint.html).toContain("you won't see this secret again");
    const [stored] = (await suite.fixtures.owner.query(
      'SELECT secret, tenant_id FROM webhook_endpoints WHERE id = $1',
      [endpoint.id],
    )) as { secret: string; tenant_id: string }[];
    expect(stored).toEqual({ secret: endpoint.secret, tenant_id: tenant.id });

    const list = await browser.get('/admin/webhooks');
    expect(list.status).toBe(200);
    expect(list.html).toContain(endpoint.url);
    expect(list.html).toContain('CRM &lt;sync&gt;');
    expect(list.html).toContain('<code>case_closed</code>');
    expect(list.html).toContain('enabled');
    expect(list.html).not.toContain(endpoint.secret);
    expect((await browser.get(`/admin/webhooks/${endpoint.id}`)).html).not.toContain(endpoint.secret);

    expect(await userAudit(tenant.id)).toEqual([
      { action: 'webhook.created', actorType: 'user', actorId: user.id, resourceId: endpoint.id },
    ]);
  });

  it('keeps a refused form with its message: no events, a URL the SSRF rule refuses, not a URL', async () => {
    const { tenant, browser } = await signedIn();
    await browser.get('/admin/webhooks/new');
    const noEvents = await browser.post('/admin/webhooks', { url: hookUrl(), description: '' });
    expect(noEvents.status).toBe(422);
    expect(noEvents.html).toContain('Choose at least one event');

    const privateAddress = await browser.post('/admin/webhooks', {
      url: 'http://10.1.2.3/hook',
      events: 'case_created',
    });
    expect(privateAddress.status).toBe(422);
    expect(privateAddress.html).toContain('value="http://10.1.2.3/hook"');
    expect(privateAddress.html).toContain(
      '<input type="checkbox" id="event-case_created" name="events" value="case_created" checked',
    );

    const longDescription = await browser.post('/admin/webhooks', {
      url: hookUrl(),
      description: 'x'.repeat(501),
      events: 'case_created',
    });
    expect(longDescription.status).toBe(422);
    expect(longDescription.html).toContain('description');

    expect((await browser.post('/admin/webhooks', { url: 'not a url', events: 'case_created' })).status).toBe(422);
    expect((await browser.post('/admin/webhooks', { url: hookUrl(), events: 'no_such_event' })).status).toBe(422);
    expect(
      await suite.fixtures.owner.query('SELECT id FROM webhook_endpoints WHERE tenant_id = $1', [tenant.id]),
    ).toEqual([]);
  });

  it('disables and enables an endpoint, sends a test ping and lists its deliveries, each change audited', async () => {
    const { tenant, user, browser } = await signedIn();
    const endpoint = await addEndpoint(browser);
    const page = `/admin/webhooks/${endpoint.id}`;

    await browser.get(page);
    const disabled = await browser.post(`${page}/disable`, {});
    expect(disabled).toMatchObject({ status: 303, location: `${page}?done=disabled` });
    const off = await browser.get(page);
    expect(off.html).toContain('disabled');
    expect(off.html).not.toContain('Send a test ping');
    expect((await browser.post(`${page}/test`, {})).status).toBe(422);

    expect((await browser.post(`${page}/enable`, {})).location).toBe(`${page}?done=enabled`);
    await browser.get(page);
    const tested = await browser.post(`${page}/test`, {});
    expect(tested).toMatchObject({ status: 303, location: `${page}?done=tested` });
    const after = await browser.get(tested.location as string);
    expect(after.html).toContain('A test ping was queued');
    // Queued; another suite's worker on the shared test database may already have tried it.
    expect(after.html).toMatch(/<code>ping<\/code><\/td>\s*<td>(pending|failed|succeeded)<\/td>/);

    expect((await userAudit(tenant.id)).map(({ action, actorType, actorId }) => [action, actorType, actorId])).toEqual([
      ['webhook.created', 'user', user.id],
      ['webhook.updated', 'user', user.id],
      ['webhook.updated', 'user', user.id],
      ['webhook.tested', 'user', user.id],
    ]);
  });

  it('shows at most the 20 most recent deliveries, newest first', async () => {
    const { browser } = await signedIn();
    const endpoint = await addEndpoint(browser);
    await suite.fixtures.owner.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, state, attempts, next_attempt_at, created_at)
       SELECT tenant_id, id, gen_random_uuid(), 'ping', '{}'::jsonb, 'succeeded', 1, now(), now() - n * interval '1 minute'
         FROM webhook_endpoints, generate_series(1, 25) AS n WHERE id = $1`,
      [endpoint.id],
    );
    const page = await browser.get(`/admin/webhooks/${endpoint.id}`);
    const times = [...page.html.matchAll(/<td><time datetime="([^"]+)"/g)].map((match) => match[1]);
    expect(times).toHaveLength(20);
    expect(times.toSorted().toReversed()).toEqual(times);
    expect(page.html).toContain('The 20 most recent deliveries');
  });

  it("answers another council's endpoint with 404 and never lists it", async () => {
    const owner = await signedIn();
    const endpoint = await addEndpoint(owner.browser);
    const other = await signedIn();
    const page = `/admin/webhooks/${endpoint.id}`;

    expect((await other.browser.get('/admin/webhooks')).html).not.toContain(endpoint.url);
    expect((await other.browser.get(page)).status).toBe(404);
    for (const action of ['disable', 'enable', 'test']) {
      expect((await other.browser.post(`${page}/${action}`, {})).status).toBe(404);
    }
    expect((await other.browser.get('/admin/webhooks/not-a-uuid')).status).toBe(404);
    expect((await other.browser.post('/admin/webhooks/not-a-uuid/test', {})).status).toBe(404);
    expect(await userAudit(other.tenant.id)).toEqual([]);
    const [row] = (await suite.fixtures.owner.query('SELECT enabled FROM webhook_endpoints WHERE id = $1', [
      endpoint.id,
    ])) as { enabled: boolean }[];
    expect(row.enabled).toBe(true);
  });

  it('is for admins only, and refuses a change without the CSRF token', async () => {
    const admin = await signedIn();
    const endpoint = await addEndpoint(admin.browser);
    const caseworker = await signedIn('caseworker', admin.tenant.id);
    const manager = await signedIn('manager', admin.tenant.id);
    for (const { browser } of [caseworker, manager]) {
      expect((await browser.get('/admin/webhooks')).status).toBe(403);
      expect((await browser.get(`/admin/webhooks/${endpoint.id}`)).status).toBe(403);
      await browser.get('/admin/profile');
      expect((await browser.post('/admin/webhooks', { url: hookUrl(), events: 'case_created' })).status).toBe(403);
      expect((await browser.post(`/admin/webhooks/${endpoint.id}/disable`, {})).status).toBe(403);
      expect((await browser.get('/admin/profile')).html).not.toContain('href="/admin/webhooks"');
    }
    expect((await admin.browser.get('/admin/api-keys')).html).toContain('<a href="/admin/webhooks">Webhooks</a>');

    await admin.browser.get('/admin/webhooks/new');
    const forged = await admin.browser.post('/admin/webhooks', { url: hookUrl(), events: 'case_created' }, null);
    expect(forged.status).toBe(403);
    const wrongToken = await admin.browser.post(`/admin/webhooks/${endpoint.id}/disable`, {}, 'forged');
    expect(wrongToken.status).toBe(403);
    expect((await userAudit(admin.tenant.id)).map((entry) => entry.action)).toEqual(['webhook.created']);
  });
});
