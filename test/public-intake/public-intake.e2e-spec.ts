import { randomBytes } from 'node:crypto';
import { categoryRef, wardRef, yearIn } from '../cases/case-helpers';
import { expectEnvelope, expectFieldError } from '../support/expectations';
import { type KeyedUser } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

/** A client IP of its own per test, so each test has its own hourly allowance. */
let ipCounter = 0;
const nextIp = () => `198.51.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

const RESIDENT = {
  summary: 'Fly-tipping behind the library',
  description: 'Mattresses and a fridge, there since Monday',
  // Not a staff name used elsewhere (the CLI suite makes a user "Jo Bloggs"): the leak scan would see it in the audit log.
  residentName: 'Jo Residentsmith',
  residentEmail: 'jo@example.org',
  residentPhone: '01632 960000',
  residentAddress: '1 Library Lane',
  residentPostcode: 'sw1a1aa',
};

describe('the public intake form', () => {
  const suite = useApiSuite({ TRUST_PROXY_HOPS: '1' });
  let council: KeyedUser;

  const submit = (slug: string, json: unknown, ip = nextIp()) =>
    suite.request('POST', `/api/public/${slug}/cases`, { json, headers: { 'X-Forwarded-For': ip } });
  const setForm = async (user: KeyedUser, publicFormEnabled: boolean) => {
    const response = await suite.request('PATCH', '/api/settings', { key: user.key, json: { publicFormEnabled } });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    council = await suite.fixtures.keyedUser('council', 'admin');
    await setForm(council, true);
  });

  it('creates a web-form case as the system and answers with its reference only', async () => {
    const ward = await wardRef(suite.request, council.key, `Ward ${randomBytes(3).toString('hex')}`);
    const category = await categoryRef(suite.request, council.key, `Cat ${randomBytes(3).toString('hex')}`);
    const ip = nextIp();
    const response = await submit(council.tenant.slug, { ...RESIDENT, wardId: ward.id, categoryId: category.id }, ip);
    expect(response.status).toBe(201);
    expect(Object.keys(response.body)).toEqual(['reference']);
    expect(response.body.reference).toMatch(new RegExp(`^CW-${yearIn()}-\\d{4}$`));

    const found = await suite.request('GET', `/api/cases?search=${encodeURIComponent('fly tipping library')}`, {
      key: council.key,
    });
    const kase = found.body.cases.find((row: { reference: string }) => row.reference === response.body.reference);
    expect(kase).toMatchObject({
      status: 'open',
      priority: 'normal',
      sourceChannel: 'web_form',
      summary: RESIDENT.summary,
      residentName: RESIDENT.residentName,
      residentPostcode: 'SW1A 1AA',
      ward: { id: ward.id },
      category: { id: category.id },
      assignee: null,
    });

    const audit = await suite.request('GET', `/api/audit-logs?resourceId=${kase.id}`, { key: council.key });
    expect(audit.body.auditLogs).toHaveLength(1);
    expect(audit.body.auditLogs[0]).toMatchObject({
      action: 'case.created',
      actor: { type: 'system', id: null, name: 'public form' },
      ip,
    });
    expect(audit.body.auditLogs[0].changes.after.residentEmail).toBe('[redacted]');

    const outbox = (await suite.fixtures.owner.query(
      `SELECT type, payload FROM outbox_events WHERE tenant_id = $1 AND payload->'data'->'case'->>'id' = $2 ORDER BY seq`,
      [council.tenant.id, kase.id],
    )) as { type: string; payload: { data: Record<string, unknown> } }[];
    expect(outbox.map((row) => row.type)).toEqual(['case_created', 'contact_submitted']);
    expect(outbox[1].payload.data).toMatchObject({ channel: 'web_form', case: { reference: response.body.reference } });
  });

  it('answers the same 404 for an unknown council, a switched-off form and a suspended council', async () => {
    const closed = await suite.fixtures.keyedUser('council', 'admin');
    const suspended = await suite.fixtures.keyedUser('council', 'admin');
    await setForm(suspended, true);
    await suite.fixtures.suspendTenant(suspended.tenant.id);

    const unknown = await submit(`no-such-council-${randomBytes(3).toString('hex')}`, RESIDENT);
    const off = await submit(closed.tenant.slug, RESIDENT);
    const away = await submit(suspended.tenant.slug, RESIDENT);
    expectEnvelope(unknown, 404);
    expect(off.status).toBe(404);
    expect(away.status).toBe(404);
    expect(off.body).toEqual(unknown.body);
    expect(away.body).toEqual(unknown.body);
    const count = async (tenantId: string) =>
      (await suite.fixtures.owner.query('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1', [tenantId]))[0].n;
    expect(await count(closed.tenant.id)).toBe(0);
    expect(await count(suspended.tenant.id)).toBe(0);

    await setForm(closed, true);
    expect((await submit(closed.tenant.slug, RESIDENT)).status).toBe(201);
    await setForm(closed, false);
    expect((await submit(closed.tenant.slug, RESIDENT)).status).toBe(404);
  });

  it.each([
    ['priority', { priority: 'urgent' }],
    ['sourceChannel', { sourceChannel: 'phone' }],
    ['assigneeId', { assigneeId: '00000000-0000-4000-8000-000000000000' }],
    ['tags', { tags: ['vip'] }],
    ['internalRef', { internalRef: 'X1' }],
    ['highlightedForPublic', { highlightedForPublic: true }],
    ['dueAt', { dueAt: '2099-01-01T00:00:00.000Z' }],
  ])('refuses a field residents may not set (%s) with 400', async (field, extra) => {
    expectFieldError(await submit(council.tenant.slug, { ...RESIDENT, ...extra }), 400, field);
  });

  it('needs a summary and valid resident fields (400)', async () => {
    expectFieldError(await submit(council.tenant.slug, { description: 'no summary' }), 400, 'summary');
    expectFieldError(await submit(council.tenant.slug, { ...RESIDENT, residentEmail: 'nope' }), 400, 'residentEmail');
  });

  it("another council's ward is 422", async () => {
    const other = await suite.fixtures.keyedUser('council', 'admin');
    const foreignWard = await wardRef(suite.request, other.key, `Foreign ${randomBytes(3).toString('hex')}`);
    expectFieldError(await submit(council.tenant.slug, { ...RESIDENT, wardId: foreignWard.id }), 422, 'wardId');
  });

  it('allows 5 requests per hour per client IP; the 6th is 429 with Retry-After', async () => {
    const ip = nextIp();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await submit(council.tenant.slug, RESIDENT, ip)).status).toBe(201);
    }
    const limited = await submit(council.tenant.slug, RESIDENT, ip);
    expectEnvelope(limited, 429);
    expect(limited.body.error).toBe('Rate limit exceeded');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
    // Refused requests count too, so slugs cannot be guessed at speed from one address.
    expect((await submit('no-such-council', RESIDENT, ip)).status).toBe(429);
    expect((await submit(council.tenant.slug, RESIDENT, nextIp())).status).toBe(201);
  });

  it('is documented in OpenAPI as needing no key', async () => {
    const spec = (await suite.request('GET', '/openapi.json')).body;
    const operation = spec.paths['/api/public/{tenantSlug}/cases'].post;
    expect(operation.security).toEqual([]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '429']));
  });

  describe('without TRUST_PROXY_HOPS', () => {
    const direct = useApiSuite();

    it('ignores X-Forwarded-For: every request counts against the connecting address', async () => {
      const slug = council.tenant.slug;
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const response = await direct.request('POST', `/api/public/${slug}/cases`, {
          json: RESIDENT,
          headers: { 'X-Forwarded-For': nextIp() },
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    });
  });
});
