import { appUrlFrom, passwordOf, prepareDatabase } from '@wardline/database';
import { underPrepareLock } from '../support/database';
import { Fixtures } from '../support/fixtures';
import { type HttpClient, httpClient, statusWithin } from '../support/http';
import { startTestApp, testEndpoint, type TestApp } from '../support/test-app';

/**
 * The API runs as its own login role here, so the outage can be staged for this server alone:
 * the role is refused logins and its sessions are ended, as when the database goes away.
 */
describe('database unavailable', () => {
  const role = `wardline_outage_${process.pid}`;
  let app: TestApp;
  let fixtures: Fixtures;
  let request: HttpClient;
  let key: string;

  const setLogin = (allowed: boolean) => fixtures.owner.query(`ALTER ROLE ${role} ${allowed ? 'LOGIN' : 'NOLOGIN'}`);
  const endSessions = () =>
    fixtures.owner.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);

  beforeAll(async () => {
    fixtures = await Fixtures.open();
    const ownerUrl = testEndpoint().ownerUrl;
    const password = passwordOf(appUrlFrom(ownerUrl));
    await fixtures.owner.query(`DROP ROLE IF EXISTS ${role}`);
    await fixtures.owner.query(
      `CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS ${password ? `PASSWORD '${password.replace(/'/g, "''")}'` : ''}`,
    );
    const url = new URL(appUrlFrom(ownerUrl));
    url.username = role;
    await prepareDatabase(ownerUrl, url.toString());
    app = await startTestApp({}, { ...testEndpoint(), appUrl: url.toString() });
    request = httpClient(app.baseUrl);
    key = (await fixtures.keyedUser('pro', 'admin', ['wards:read'])).key;
  });
  afterAll(async () => {
    await app.close();
    await setLogin(true);
    await underPrepareLock(fixtures.owner, async (manager) => {
      await manager.query(`DROP OWNED BY ${role}`);
      await manager.query(`DROP ROLE IF EXISTS ${role}`);
    });
    await fixtures.close();
  });

  it('answers 503 in the envelope while the database is gone, and recovers after', async () => {
    expect((await request('GET', '/api/wards', { key })).status).toBe(200);

    await setLogin(false);
    await endSessions();
    for (const path of ['/api/wards', '/api/me']) {
      const response = await request('GET', path, { key });
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ error: expect.any(String) });
      expect(response.text).not.toMatch(/at .+\.(js|ts):\d+|SELECT|password/i);
    }
    expect((await request('GET', '/health/ready')).status).toBe(503);
    expect((await request('GET', '/health/live')).status).toBe(200);

    await setLogin(true);
    expect(await statusWithin(request, 200, 5000, 'GET', '/api/wards', { key })).toBe(200);
  });
});
