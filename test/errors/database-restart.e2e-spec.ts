import { rm } from 'node:fs/promises';
import { appUrlFrom, type EmbeddedDatabase, prepareDatabase, startEmbeddedPostgres } from '@wardline/database';
import { Fixtures } from '../support/fixtures';
import { type HttpClient, httpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/** The server's own PostgreSQL, really stopped and started again under it. */
describe('database stopped and started', () => {
  const dataDir = `.data/outage-${process.pid}`;
  let database: EmbeddedDatabase;
  let app: TestApp;
  let request: HttpClient;
  let key: string;

  beforeAll(async () => {
    database = await startEmbeddedPostgres(dataDir);
    await prepareDatabase(database.url, appUrlFrom(database.url));
    const fixtures = await Fixtures.open(database.url);
    key = (await fixtures.keyedUser('pro', 'admin', ['wards:read'])).key;
    await fixtures.close();
    app = await startTestApp(
      {},
      { ownerUrl: database.url, appUrl: appUrlFrom(database.url), embedded: true, stop: async () => undefined },
    );
    request = httpClient(app.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 within 2 s while it is down and recovers without a restart', async () => {
    expect((await request('GET', '/api/wards', { key })).status).toBe(200);
    await database.stop();

    for (const [path, options] of [
      ['/api/wards', { key }],
      ['/api/me', { key }],
      ['/health/ready', {}],
    ] as const) {
      const started = Date.now();
      const response = await request('GET', path, options);
      expect({ path, status: response.status, body: response.body }).toEqual({
        path,
        status: 503,
        body: { error: expect.any(String) },
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(response.headers.get('retry-after')).toBe('2');
    }

    database = await startEmbeddedPostgres(dataDir);
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await request('GET', '/api/wards', { key })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
  }, 60_000);
});
