import { ROLES, type Role } from '@wardline/database';
import { createCase, yearIn } from '../cases/case-helpers';
import { expectEnvelope, expectFieldError } from '../support/expectations';
import { type KeyedUser } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

const SETTINGS_FIELDS = [
  'caseReferencePrefix',
  'defaultSlaDays',
  'locale',
  'name',
  'publicFormEnabled',
  'retention',
  'slug',
  'timezone',
  'updatedAt',
];

describe('settings', () => {
  const suite = useApiSuite();
  let admin: KeyedUser;

  // A council of its own for every test: each one changes settings.
  beforeEach(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
  });

  const get = (key = admin.key) => suite.request('GET', '/api/settings', { key });
  const patch = (json: unknown, key = admin.key, headers: Record<string, string> = {}) =>
    suite.request('PATCH', '/api/settings', { key, json, headers });

  it("reads the council's own settings, with an ETag", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).toSorted()).toEqual(SETTINGS_FIELDS);
    expect(response.body).toMatchObject({
      name: admin.tenant.name,
      slug: admin.tenant.slug,
      timezone: 'Europe/London',
      locale: 'en-GB',
      caseReferencePrefix: 'CW',
      defaultSlaDays: 20,
      publicFormEnabled: false,
      retention: { anonymiseClosedCasesAfterMonths: null },
    });
    expect(response.headers.get('etag')).toMatch(/^W\/"\d+"$/);
  });

  it('changes only the given fields, records settings.updated, and bumps the ETag', async () => {
    const before = await get();
    const response = await patch({
      name: 'Renamed Council',
      timezone: 'America/New_York',
      locale: 'cy-GB',
      publicFormEnabled: true,
      retention: { anonymiseClosedCasesAfterMonths: 36 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Renamed Council',
      timezone: 'America/New_York',
      locale: 'cy-GB',
      caseReferencePrefix: before.body.caseReferencePrefix,
      defaultSlaDays: before.body.defaultSlaDays,
      publicFormEnabled: true,
      retention: { anonymiseClosedCasesAfterMonths: 36 },
    });
    expect(response.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect((await get()).body).toEqual(response.body);

    const audit = await suite.request('GET', '/api/audit-logs?action=settings.updated', { key: admin.key });
    expect(audit.body.auditLogs[0]).toMatchObject({
      action: 'settings.updated',
      resourceType: 'settings',
      resourceId: admin.tenant.id,
      actor: { type: 'api_key', id: admin.keyId },
      changes: {
        before: { name: admin.tenant.name, timezone: 'Europe/London' },
        after: { name: 'Renamed Council', timezone: 'America/New_York' },
      },
    });

    const cleared = await patch({ retention: { anonymiseClosedCasesAfterMonths: null }, timezone: 'Europe/London' });
    expect(cleared.body.retention).toEqual({ anonymiseClosedCasesAfterMonths: null });
  });

  const settingsEntries = async () =>
    (await suite.request('GET', '/api/audit-logs?action=settings.updated', { key: admin.key })).body.auditLogs.length;

  it('a PATCH that changes nothing records nothing', async () => {
    const current = await get();
    const before = await settingsEntries();
    const response = await patch({ locale: current.body.locale });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(current.headers.get('etag'));
    expect(await settingsEntries()).toBe(before);
  });

  it('applies at once: new cases take the new prefix and SLA; existing references stay', async () => {
    const year = yearIn();
    const older = await createCase(suite.request, admin.key, { summary: 'Before the change' });
    expect((await patch({ caseReferencePrefix: 'RDC', defaultSlaDays: 3 })).status).toBe(200);
    const newer = await createCase(suite.request, admin.key, { summary: 'After the change' });
    expect(newer.reference).toMatch(new RegExp(`^RDC-${year}-\\d{4}$`));
    // dueAt is reckoned from the service's clock, createdAt from the database's: allow a second.
    const slaMs = Date.parse(newer.dueAt as string) - Date.parse(newer.createdAt as string);
    expect(Math.abs(slaMs - 3 * 86_400_000)).toBeLessThan(1000);
    const reread = await suite.request('GET', `/api/cases/${older.id}`, { key: admin.key });
    expect(reread.body.reference).toBe(older.reference);
    expect(older.reference).toMatch(/^CW-/);
  });

  it('If-Match: a stale version is 409 and changes nothing', async () => {
    const first = await get();
    expect((await patch({ defaultSlaDays: 25 })).status).toBe(200);
    const current = await get();
    const stale = await patch({ defaultSlaDays: 30 }, admin.key, { 'If-Match': first.headers.get('etag') as string });
    expectEnvelope(stale, 409);
    expect((await get()).body.defaultSlaDays).toBe(current.body.defaultSlaDays);
    const fresh = await patch({ defaultSlaDays: 30 }, admin.key, { 'If-Match': current.headers.get('etag') as string });
    expect(fresh.status).toBe(200);
  });

  it.each([
    ['timezone', { timezone: 'Mars/Olympus_Mons' }],
    ['timezone', { timezone: 'europe/london' }],
    ['locale', { locale: 'not a locale!' }],
    ['caseReferencePrefix', { caseReferencePrefix: 'c' }],
    ['caseReferencePrefix', { caseReferencePrefix: 'ABCDEFG' }],
    ['caseReferencePrefix', { caseReferencePrefix: 'ab' }],
    ['defaultSlaDays', { defaultSlaDays: 0 }],
    ['defaultSlaDays', { defaultSlaDays: 366 }],
    ['name', { name: '   ' }],
    ['retention.anonymiseClosedCasesAfterMonths', { retention: { anonymiseClosedCasesAfterMonths: 0 } }],
    ['retention.anonymiseClosedCasesAfterMonths', { retention: { anonymiseClosedCasesAfterMonths: 121 } }],
  ])('a broken rule for %s is 422 and changes nothing', async (field, body) => {
    const before = await get();
    expectFieldError(await patch(body), 422, field);
    expect((await get()).body).toEqual(before.body);
  });

  it.each([
    ['defaultSlaDays', { defaultSlaDays: '20' }],
    ['defaultSlaDays', { defaultSlaDays: 2.5 }],
    ['publicFormEnabled', { publicFormEnabled: 'yes' }],
    ['name', { name: null }],
    ['plan', { plan: 'council' }],
    ['slug', { slug: 'taken-over' }],
    ['retention.anonymiseClosedCasesAfterMonths', { retention: { anonymiseClosedCasesAfterMonths: '12' } }],
  ])('a wrong type or an unknown field (%s) is 400', async (field, body) => {
    expectFieldError(await patch(body), 400, field);
  });

  describe('access', () => {
    const keyOf = new Map<Role, string>();
    beforeAll(async () => {
      const tenant = await suite.fixtures.tenant('council');
      for (const role of ROLES) {
        const owner = await suite.fixtures.user(tenant, role);
        keyOf.set(role, (await suite.fixtures.key(tenant, owner, ['settings:read', 'settings:write'])).key);
      }
    });

    it.each(ROLES)('%s: read needs manager, write needs admin', async (role) => {
      const key = keyOf.get(role) as string;
      const canRead = role === 'manager' || role === 'admin';
      expect((await get(key)).status).toBe(canRead ? 200 : 403);
      expect((await patch({ locale: 'en-GB' }, key)).status).toBe(role === 'admin' ? 200 : 403);
    });

    it('OpenAPI names the scope, minimum role and plan of both routes', async () => {
      const spec = (await suite.request('GET', '/openapi.json')).body;
      expect(spec.paths['/api/settings'].get).toMatchObject({
        'x-required-scope': 'settings:read',
        'x-minimum-role': 'manager',
        'x-plans': ['council'],
      });
      expect(spec.paths['/api/settings'].patch).toMatchObject({
        'x-required-scope': 'settings:write',
        'x-minimum-role': 'admin',
        'x-plans': ['council'],
      });
    });

    it('the pro plan has no settings', async () => {
      const pro = await suite.fixtures.keyedUser('pro', 'admin', ['settings:read', 'settings:write']);
      const response = await get(pro.key);
      expectEnvelope(response, 403);
      expect(response.body.details).toMatchObject({ plan: 'pro', requiredScope: 'settings:read' });
    });

    it('a key without the scope is refused', async () => {
      const readOnly = await suite.fixtures.keyedUser('council', 'admin', ['settings:read']);
      expect((await get(readOnly.key)).status).toBe(200);
      expectEnvelope(await patch({ locale: 'en-GB' }, readOnly.key), 403);
    });

    it("a council's change never reaches another council", async () => {
      const other = await suite.fixtures.keyedUser('council', 'admin');
      const before = (await get(other.key)).body;
      await patch({ name: `Only mine ${Date.now()}` });
      expect((await get(other.key)).body).toEqual(before);
      expect((await get()).body.slug).toBe(admin.tenant.slug);
    });
  });
});
