import { AppConfig } from '@wardline/common';
import { appUrlFrom, type DatabaseEndpoint, prepareDatabase } from '@wardline/database';
import { Client } from 'pg';
import { firstRun } from '../../apps/api/src/bootstrap/first-run';
import { DashboardClient, shownKeyOf } from '../support/dashboard-client';
import { uniqueSuffix } from '../support/fixtures';
import { httpClient } from '../support/http';
import { startTestApp, type TestApp, testEndpoint } from '../support/test-app';

const SIGN_IN_LINE = /sign in as (\S+) with this password, shown once:\n\n\s+(\S+)/;

/** What a new user does on a fresh clone: the first start prints the demo admin, who makes a key. */
describe('the first start on an empty database', () => {
  const name = `wardline_first_${uniqueSuffix()}`;
  const serverUrl = testEndpoint().ownerUrl;
  let endpoint: DatabaseEndpoint;
  let app: TestApp | undefined;

  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const ownerUrl = url.toString();
    endpoint = { ownerUrl, appUrl: appUrlFrom(ownerUrl), embedded: false, stop: async () => undefined };
    await prepareDatabase(endpoint.ownerUrl, endpoint.appUrl);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('prints the demo admin and a password, shown once, that signs in and makes a working key', async () => {
    const config = new AppConfig({ DATABASE_URL: endpoint.ownerUrl, LOG_LEVEL: 'silent' });
    const welcome = await firstRun(config, endpoint, 'http://127.0.0.1:3000');
    const [, email, password] = SIGN_IN_LINE.exec(welcome) ?? [];
    expect(email).toMatch(/@/);
    expect(password.length).toBeGreaterThanOrEqual(16);

    app = await startTestApp({}, endpoint);
    const browser = new DashboardClient(app.baseUrl);
    expect((await browser.signIn(email, password)).status).toBe(303);
    await browser.get('/admin/api-keys/new');
    const created = await browser.post('/admin/api-keys', { name: 'my integration', scopes: 'wards:read' });
    const key = shownKeyOf(created.html);
    const wards = await httpClient(app.baseUrl)('GET', '/api/wards?pageSize=5', { key });
    expect(wards.status).toBe(200);
    expect(wards.body.wards.length).toBeGreaterThan(0);

    const again = await firstRun(config, endpoint, 'http://127.0.0.1:3000');
    expect(again).toContain('Existing data kept');
    expect(again).not.toContain(password);
  }, 120_000);
});
