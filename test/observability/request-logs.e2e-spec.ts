import { Fixtures, uniqueSuffix } from '../support/fixtures';
import { type HttpClient, httpClient } from '../support/http';
import { LogCapture } from '../support/log-capture';
import { startTestApp, testEndpoint, type TestApp } from '../support/test-app';

/**
 * Runs a realistic session against a server logging at debug, then searches everything it
 * logged for every key and resident detail the session used.
 */
describe('request logs', () => {
  const log = new LogCapture();
  let app: TestApp;
  let fixtures: Fixtures;
  let request: HttpClient;

  beforeAll(async () => {
    fixtures = await Fixtures.open();
    app = await startTestApp({ LOG_LEVEL: 'debug' }, testEndpoint(), { logDestination: log });
    request = httpClient(app.baseUrl);
  });
  afterAll(async () => {
    await app?.close();
    await fixtures?.close();
  });

  it('never contain a key, cookie, password or resident detail, and give one line per request', async () => {
    const { key, tenant } = await fixtures.keyedUser('council', 'admin');
    const other = await fixtures.keyedUser('pro', 'caseworker', ['wards:read']);
    const resident = {
      residentName: `Jo Bloggs-${uniqueSuffix()}`,
      residentEmail: `jo.${uniqueSuffix()}@resident.example`,
      residentPhone: `07700 9${Math.floor(Math.random() * 1e5)}`.padEnd(12, '0'),
      residentAddress: `${uniqueSuffix()} Mill Lane, Riverford`,
      residentPostcode: 'SW1A 1AA',
    };
    const password = `hunter2-${uniqueSuffix()}`;
    const secrets = [key, other.key, password, ...Object.values(resident)];

    const created = await request('POST', '/api/cases', {
      key,
      json: { summary: 'Pothole outside the school', sourceChannel: 'phone', ...resident },
    });
    expect(created.status).toBe(201);
    const responses = [
      created,
      await request('GET', `/api/cases?search=${encodeURIComponent(resident.residentName)}`, { key }),
      await request('GET', `/api/cases/${created.body.id}`, { key, headers: { Cookie: `session=${key}` } }),
      await request('GET', `/api/me?api_key=${other.key}&password=${password}`, {
        key: other.key,
        keyHeader: 'x-api-key',
      }),
      await request('GET', `/api/wards?email=${encodeURIComponent(resident.residentEmail)}`, { key: other.key }),
      await request('POST', '/api/cases', {
        key,
        json: { summary: '', residentEmail: resident.residentEmail, password },
      }),
      await request('POST', '/api/cases', { key, rawBody: `{"residentPhone":"${resident.residentPhone}",` }),
      await request('GET', '/api/cases', { key: `${key.slice(0, -1)}x` }),
      await request('GET', '/api/cases', { headers: { Authorization: `Bearer ${other.key}`, 'X-API-Key': key } }),
      await request('GET', `/api/nowhere/${other.key}`, { key }),
    ];

    await request('GET', '/health/live'); // probes are not logged
    await new Promise((resolve) => setTimeout(resolve, 100));
    const text = log.text;
    for (const secret of secrets) {
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    }
    // not even the secret part of a key, cut short
    expect(text).not.toContain(key.slice(11, 30));

    const lines = log.entries().filter((entry) => entry.req && entry.res);
    expect(lines).toHaveLength(responses.length);
    for (const [i, response] of responses.entries()) {
      const line = lines.find((entry) => entry.req.id === response.headers.get('x-request-id'));
      expect(line).toMatchObject({ level: 30, res: { statusCode: response.status }, responseTime: expect.any(Number) });
      expect(line?.route).toEqual(expect.any(String));
      if (i < 3) expect(line).toMatchObject({ tenantId: tenant.id, keyPrefix: key.slice(0, 11) });
    }
    expect(lines[0]).toMatchObject({ route: '/api/cases', req: { method: 'POST', path: '/api/cases' } });
  });

  it('keeps Nest start-up chatter at debug', () => {
    const mapped = log.entries().filter((entry) => /Mapped \{/.test(String(entry.msg)));
    expect(mapped.length).toBeGreaterThan(0);
    expect(mapped.every((entry) => entry.level === 20)).toBe(true);
  });
});
