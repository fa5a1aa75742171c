import { randomUUID } from 'node:crypto';
import type { KeyedUser } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

const URL_OK = 'http://127.0.0.1:9/hook';

describe('webhook endpoints API', () => {
  // Loopback allowed by configuration, as in development; the SSRF suite below runs without it.
  const suite = useApiSuite({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  let admin: KeyedUser;
  let other: KeyedUser;

  beforeAll(async () => {
    [admin, other] = await Promise.all([
      suite.fixtures.keyedUser('council', 'admin'),
      suite.fixtures.keyedUser('council', 'admin'),
    ]);
  });

  const create = (owner: KeyedUser, json: unknown = { url: URL_OK, events: ['case_created'] }) =>
    suite.request('POST', '/api/webhooks', { key: owner.key, json });

  it('creates, shows the secret once, lists, updates with If-Match and deletes', async () => {
    const created = await create(admin, { url: URL_OK, events: ['case_created'], description: 'CRM' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: URL_OK,
      description: 'CRM',
      events: ['case_created'],
      enabled: true,
      disabledReason: null,
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = created.body.id as string;

    const shown = await suite.request('GET', `/api/webhooks/${id}`, { key: admin.key });
    expect(shown.status).toBe(200);
    expect(shown.body).not.toHaveProperty('secret');
    expect(shown.headers.get('etag')).toBe('W/"1"');

    const list = await suite.request('GET', '/api/webhooks', { key: admin.key });
    expect(list.body.webhooks.map((webhook: { id: string }) => webhook.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    const stale = await suite.request('PATCH', `/api/webhooks/${id}`, {
      key: admin.key,
      headers: { 'If-Match': 'W/"7"' },
      json: { enabled: false },
    });
    expect(stale.status).toBe(409);
    const patched = await suite.request('PATCH', `/api/webhooks/${id}`, {
      key: admin.key,
      headers: { 'If-Match': 'W/"1"' },
      json: { events: ['case_closed', 'case_resolved'], enabled: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ events: ['case_closed', 'case_resolved'], enabled: false });

    const deliveries = await suite.request('GET', `/api/webhooks/${id}/deliveries`, { key: admin.key });
    expect(deliveries.body).toMatchObject({ deliveries: [], pagination: { total: 0 } });
    const ping = await suite.request('POST', `/api/webhooks/${id}/test`, { key: admin.key });
    expect(ping.status).toBe(422); // disabled

    expect((await suite.request('DELETE', `/api/webhooks/${id}`, { key: admin.key })).status).toBe(204);
    expect((await suite.request('GET', `/api/webhooks/${id}`, { key: admin.key })).status).toBe(404);
  });

  it('refuses bad input with the contract statuses', async () => {
    expect((await create(admin, { url: URL_OK, events: ['case_exploded'] })).status).toBe(422);
    expect((await create(admin, { url: URL_OK, events: [] })).status).toBe(400);
    expect((await create(admin, { url: URL_OK })).status).toBe(400);
    expect((await create(admin, { url: URL_OK, events: ['case_created'], secret: 'mine' })).status).toBe(400);
    const notUrl = await create(admin, { url: 'not a url', events: ['case_created'] });
    expect(notUrl.status).toBe(422);
    expect(notUrl.body.error).toBe('The URL is not valid');
    expect((await create(admin, { url: 'ftp://127.0.0.1/x', events: ['case_created'] })).status).toBe(422);
  });

  it("never shows or changes another council's endpoints", async () => {
    const theirs = (await create(other)).body.id as string;
    const missing = randomUUID();
    for (const id of [theirs, missing, 'not-a-uuid']) {
      expect((await suite.request('GET', `/api/webhooks/${id}`, { key: admin.key })).status).toBe(404);
      expect(
        (await suite.request('PATCH', `/api/webhooks/${id}`, { key: admin.key, json: { enabled: false } })).status,
      ).toBe(404);
      expect((await suite.request('POST', `/api/webhooks/${id}/rotate-secret`, { key: admin.key })).status).toBe(404);
      expect((await suite.request('POST', `/api/webhooks/${id}/test`, { key: admin.key })).status).toBe(404);
      expect((await suite.request('GET', `/api/webhooks/${id}/deliveries`, { key: admin.key })).status).toBe(404);
      expect(
        (await suite.request('POST', `/api/webhooks/${id}/deliveries/${randomUUID()}/redeliver`, { key: admin.key }))
          .status,
      ).toBe(404);
      expect((await suite.request('DELETE', `/api/webhooks/${id}`, { key: admin.key })).status).toBe(404);
    }
    const list = await suite.request('GET', '/api/webhooks?pageSize=100', { key: admin.key });
    expect(list.body.webhooks.map((webhook: { id: string }) => webhook.id)).not.toContain(theirs);

    const mine = (await create(admin)).body.id as string;
    const theirPing = await suite.request('POST', `/api/webhooks/${theirs}/test`, { key: other.key });
    const stolen = await suite.request(
      'POST',
      `/api/webhooks/${mine}/deliveries/${theirPing.body.id as string}/redeliver`,
      { key: admin.key },
    );
    expect(stolen.status).toBe(404);
  });

  it('needs the council plan, the scope and an admin owner', async () => {
    const pro = await suite.fixtures.keyedUser('pro', 'admin');
    expect((await suite.request('GET', '/api/webhooks', { key: pro.key })).status).toBe(403);
    const manager = await suite.fixtures.keyedUser('council', 'manager');
    const denied = await suite.request('GET', '/api/webhooks', { key: manager.key });
    expect(denied.status).toBe(403);
    expect(denied.body.details).toMatchObject({ requiredRole: 'admin' });
    const readOnly = await suite.fixtures.keyedUser('council', 'admin', ['webhooks:read']);
    expect((await suite.request('GET', '/api/webhooks', { key: readOnly.key })).status).toBe(200);
    expect((await create(readOnly)).status).toBe(403);
  });
});

describe('webhook URLs without an allow-list (SSRF)', () => {
  const suite = useApiSuite({ WEBHOOK_ALLOW_HTTP: 'true' });
  let admin: KeyedUser;
  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
  });

  it.each([
    'http://127.0.0.1/hook',
    'http://10.0.0.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://localhost/hook',
    'http://0.0.0.0/hook',
  ])('refuses %s with the reason', async (url) => {
    const response = await suite.request('POST', '/api/webhooks', {
      key: admin.key,
      json: { url, events: ['case_created'] },
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatch(/not a public address/);
    expect(response.body.details.fields.url).toHaveLength(1);
  });
});

describe('webhook URLs in the default configuration', () => {
  const suite = useApiSuite();
  it('must be https', async () => {
    const admin = await suite.fixtures.keyedUser('council', 'admin');
    const response = await suite.request('POST', '/api/webhooks', {
      key: admin.key,
      json: { url: 'http://example.org/hook', events: ['case_created'] },
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toBe('The URL must use https');
  });
});
