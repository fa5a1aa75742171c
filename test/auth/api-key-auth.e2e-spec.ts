import { generateApiKey, hashApiKey, LastUsedRecorder } from '@wardline/auth';
import { Fixtures, type KeyedUser } from '../support/fixtures';
import { type HttpClient } from '../support/http';
import { type TestApp } from '../support/test-app';
import { useApiSuite } from '../support/suite';

const CHALLENGE = 'Bearer realm="wardline"';

const expectInvalidKey = (response: Awaited<ReturnType<HttpClient>>) => {
  expect(response.status).toBe(401);
  expect(response.body).toEqual({ error: 'Invalid API key' });
  expect(response.headers.get('www-authenticate')).toBe(CHALLENGE);
};

describe('API key authentication (contract §2)', () => {
  const suite = useApiSuite();
  let app: TestApp;
  let fixtures: Fixtures;
  let request: HttpClient;
  let council: KeyedUser;

  beforeAll(async () => {
    ({ app, fixtures, request } = suite);
    council = await fixtures.keyedUser('council', 'admin');
  });

  describe('row 1: no key', () => {
    it('answers 401 Missing API key with the Bearer challenge', async () => {
      const response = await request('GET', '/api/wards');
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'Missing API key' });
      expect(response.headers.get('www-authenticate')).toBe(CHALLENGE);
    });

    it('ignores a key in the query string', async () => {
      for (const name of ['api_key', 'apiKey', 'key', 'access_token']) {
        const response = await request('GET', `/api/me?${name}=${council.key}`);
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ error: 'Missing API key' });
      }
    });

    it('treats another Authorization scheme as no key', async () => {
      const response = await request('GET', '/api/me', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'Missing API key' });
    });
  });

  describe('accepted ways to send a key', () => {
    it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('Authorization: %s <key>', async (scheme) => {
      const response = await request('GET', '/api/me', { headers: { Authorization: `${scheme} ${council.key}` } });
      expect(response.status).toBe(200);
      expect(response.body.tenant.id).toBe(council.tenant.id);
    });

    it('X-API-Key: <key>', async () => {
      const response = await request('GET', '/api/me', { key: council.key, keyHeader: 'x-api-key' });
      expect(response.status).toBe(200);
    });

    it('both headers with the same key', async () => {
      const response = await request('GET', '/api/me', {
        headers: { Authorization: `Bearer ${council.key}`, 'X-API-Key': council.key },
      });
      expect(response.status).toBe(200);
    });
  });

  describe('row 2: invalid key, one message for every reason', () => {
    it('two different keys in the two headers', async () => {
      const other = await fixtures.keyedUser('council', 'admin');
      expectInvalidKey(
        await request('GET', '/api/me', {
          headers: { Authorization: `Bearer ${council.key}`, 'X-API-Key': other.key },
        }),
      );
    });

    it.each([
      ['malformed', 'not-a-key'],
      ['empty bearer', ''],
      ['bad checksum', () => council.key.slice(0, -1) + (council.key.endsWith('A') ? 'B' : 'A')],
      ['well-formed but unknown', () => generateApiKey()],
    ])('%s', async (_reason, candidate) => {
      const key = typeof candidate === 'function' ? candidate() : candidate;
      expectInvalidKey(await request('GET', '/api/me', { headers: { Authorization: `Bearer ${key}` } }));
      expectInvalidKey(await request('GET', '/api/me', { headers: { 'X-API-Key': key || ' ' } }));
    });

    it('a bad checksum is refused before any lookup, even when a stored key has that hash', async () => {
      const subject = await fixtures.keyedUser('council', 'admin');
      const storeHashOf = (key: string) =>
        fixtures.owner.query('UPDATE api_keys SET key_hash = $1 WHERE id = $2', [hashApiKey(key), subject.keyId]);
      const wellFormed = generateApiKey();
      await storeHashOf(wellFormed);
      await eventually(async () => expect((await request('GET', '/api/me', { key: wellFormed })).status).toBe(200));
      const badChecksum = wellFormed.slice(0, -1) + (wellFormed.endsWith('A') ? 'B' : 'A');
      await storeHashOf(badChecksum);
      await eventually(async () => expectInvalidKey(await request('GET', '/api/me', { key: wellFormed })));
      expectInvalidKey(await request('GET', '/api/me', { key: badChecksum }));
    });

    it('revoked', async () => {
      const subject = await fixtures.keyedUser('council', 'admin');
      expect((await request('GET', '/api/me', { key: subject.key })).status).toBe(200);
      await fixtures.revokeKey(subject.keyId);
      await eventually(async () => expectInvalidKey(await request('GET', '/api/me', { key: subject.key })));
    });

    it('expired', async () => {
      const tenant = await fixtures.tenant('pro');
      const owner = await fixtures.user(tenant, 'admin');
      const soon = await fixtures.key(tenant, owner, ['wards:read'], new Date(Date.now() + 1500));
      expect((await request('GET', '/api/wards', { key: soon.key })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      expectInvalidKey(await request('GET', '/api/wards', { key: soon.key }));
    });

    it('owner disabled', async () => {
      const subject = await fixtures.keyedUser('council', 'caseworker');
      expect((await request('GET', '/api/me', { key: subject.key })).status).toBe(200);
      await fixtures.disableUser(subject.owner.id);
      await eventually(async () => expectInvalidKey(await request('GET', '/api/me', { key: subject.key })));
    });
  });

  describe('row 3: suspended tenant', () => {
    it('answers 403 Tenant suspended, and works again once activated', async () => {
      const subject = await fixtures.keyedUser('council', 'admin');
      await fixtures.suspendTenant(subject.tenant.id);
      await eventually(async () => {
        const response = await request('GET', '/api/wards', { key: subject.key });
        expect(response.status).toBe(403);
        expect(response.body).toEqual({ error: 'Tenant suspended' });
      });
      await fixtures.activateTenant(subject.tenant.id);
      await eventually(async () => expect((await request('GET', '/api/wards', { key: subject.key })).status).toBe(200));
    });
  });

  describe('row 4: plan without API access', () => {
    it.each(['free', 'team'] as const)('%s plan → 403 with details.plan, even on /api/me', async (plan) => {
      const subject = await fixtures.keyedUser(plan, 'admin', ['wards:read']);
      for (const path of ['/api/me', '/api/wards']) {
        const response = await request('GET', path, { key: subject.key });
        expect(response.status).toBe(403);
        expect(response.body).toEqual({
          error: 'API access requires a Pro or Council plan',
          details: { plan },
        });
      }
    });
  });

  describe('row 5: scope not in the plan', () => {
    it('a downgrade council → pro keeps the key but refuses council scopes; an upgrade restores them', async () => {
      const subject = await fixtures.keyedUser('council', 'admin', ['wards:read', 'settings:write']);
      const create = (name: string) => request('POST', '/api/wards', { key: subject.key, json: { name } });
      expect((await create('Before downgrade')).status).toBe(201);

      await fixtures.setPlan(subject.tenant.id, 'pro');
      await eventually(async () => {
        const response = await create('During downgrade');
        expect(response.status).toBe(403);
        expect(response.body).toEqual({
          error: 'Your plan does not include this feature',
          details: { plan: 'pro', requiredScope: 'settings:write' },
        });
      });
      expect((await request('GET', '/api/wards', { key: subject.key })).status).toBe(200);
      const me = await request('GET', '/api/me', { key: subject.key });
      expect(me.body.key.scopes).toEqual(['wards:read', 'settings:write']);
      expect(me.body.effectiveScopes).toEqual(['wards:read']);

      await fixtures.setPlan(subject.tenant.id, 'council');
      await eventually(async () => expect((await create('After upgrade')).status).toBe(201));
    });
  });

  describe('row 6: scope not on the key', () => {
    it('answers 403 with the required and granted scopes and an insufficient_scope challenge', async () => {
      const subject = await fixtures.keyedUser('council', 'admin', ['cases:write', 'wards:read']);
      const response = await request('GET', '/api/categories', { key: subject.key });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        error: 'Insufficient scope',
        details: { requiredScope: 'categories:read', grantedScopes: ['cases:write', 'wards:read'] },
      });
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer error="insufficient_scope", scope="categories:read"',
      );
    });
  });

  describe('row 7: owner role below the route minimum', () => {
    it('answers 403 Insufficient role with both roles', async () => {
      const subject = await fixtures.keyedUser('council', 'manager', ['settings:write', 'wards:read']);
      const response = await request('POST', '/api/wards', { key: subject.key, json: { name: 'Nope' } });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        error: 'Insufficient role',
        details: { requiredRole: 'admin', role: 'manager' },
      });
    });
  });

  describe('order of the checks', () => {
    it('a suspended tenant on a team plan answers row 3, not row 4', async () => {
      const subject = await fixtures.keyedUser('team', 'admin', ['wards:read']);
      await fixtures.suspendTenant(subject.tenant.id);
      await eventually(async () =>
        expect((await request('GET', '/api/wards', { key: subject.key })).body).toEqual({ error: 'Tenant suspended' }),
      );
    });

    it('a pro key lacking a council scope answers row 5 (plan) before row 6 (key)', async () => {
      const subject = await fixtures.keyedUser('pro', 'caseworker', ['wards:read']);
      const response = await request('POST', '/api/wards', { key: subject.key, json: { name: 'x' } });
      expect(response.body.error).toBe('Your plan does not include this feature');
    });
  });

  describe('GET /api/me', () => {
    it('describes the key, its tenant and owner, and what it can really do', async () => {
      const subject = await fixtures.keyedUser('council', 'caseworker', ['cases:read', 'news:write', 'reports:read']);
      const response = await request('GET', '/api/me', { key: subject.key });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        tenant: {
          id: subject.tenant.id,
          name: subject.tenant.name,
          slug: subject.tenant.slug,
          plan: 'council',
        },
        key: {
          id: subject.keyId,
          name: expect.any(String),
          prefix: subject.key.slice(0, 11),
          scopes: ['cases:read', 'news:write', 'reports:read'],
          expiresAt: null,
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        },
        user: { id: subject.owner.id, name: subject.owner.name, role: 'caseworker' },
        effectiveScopes: ['cases:read', 'reports:read'],
      });
    });
  });

  it('records lastUsedAt without a write per request', async () => {
    const subject = await fixtures.keyedUser('pro', 'admin');
    await request('GET', '/api/me', { key: subject.key });
    const recorder = app.app.get(LastUsedRecorder);
    await recorder.flush();
    const [listed] = await fixtures.listKeys(subject.tenant);
    expect(listed.lastUsedAt).not.toBeNull();
    expect(Date.now() - Date.parse(listed.lastUsedAt as string)).toBeLessThan(60_000);
  });
});

/** Retries an assertion briefly: auth changes reach the cache by database notification. */
async function eventually(assertion: () => Promise<void>, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
