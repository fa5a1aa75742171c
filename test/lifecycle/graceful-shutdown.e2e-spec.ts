import { DataSource } from 'typeorm';
import { shutdownGracefully } from '../../apps/api/src/bootstrap/shutdown';
import { Fixtures } from '../support/fixtures';
import { httpClient } from '../support/http';
import { startTestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown', () => {
  let fixtures: Fixtures;
  beforeAll(async () => {
    fixtures = await Fixtures.open();
  });
  afterAll(() => fixtures.close());

  /** Starts a server, opens a case, and holds that case's row lock so a PATCH to it waits. */
  async function serverWithBlockedWrite() {
    const app = await startTestApp();
    const request = httpClient(app.baseUrl);
    const { key, keyId } = await fixtures.keyedUser('council', 'admin');
    const created = await request('POST', '/api/cases', { key, json: { summary: 'Streetlight out' } });
    expect(created.status).toBe(201);
    const lock = fixtures.owner.createQueryRunner();
    await lock.startTransaction();
    await lock.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [created.body.id]);
    const inFlight = request('PATCH', `/api/cases/${created.body.id}`, { key, json: { priority: 'high' } });
    await sleep(300);
    const release = async () => {
      await lock.commitTransaction();
      await lock.release();
    };
    return { app, request, key, keyId, inFlight, release };
  }

  const lastUsedAt = async (keyId: string) =>
    (
      (await fixtures.owner.query('SELECT last_used_at FROM api_keys WHERE id = $1', [keyId])) as {
        last_used_at: Date | null;
      }[]
    )[0].last_used_at;

  it('stops accepting, lets the request in flight finish, flushes lastUsedAt and closes the pool', async () => {
    const { app, request, key, keyId, inFlight, release } = await serverWithBlockedWrite();
    expect(await lastUsedAt(keyId)).toBeNull();

    const started = Date.now();
    const stopping = shutdownGracefully(app.app);
    await sleep(200);
    await expect(request('GET', '/api/me', { key })).rejects.toThrow();

    await sleep(1000);
    await release();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.body.priority).toBe('high');
    await stopping;
    expect(Date.now() - started).toBeLessThan(5000);

    expect(await lastUsedAt(keyId)).toBeInstanceOf(Date);
    expect(app.app.get(DataSource, { strict: false }).isInitialized).toBe(false);
  });

  it('cuts a request that outlives the grace period', async () => {
    const { app, inFlight, release } = await serverWithBlockedWrite();
    const started = Date.now();
    await shutdownGracefully(app.app, 500);
    const took = Date.now() - started;
    await expect(inFlight).rejects.toThrow();
    await release();
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(3000);
  });
});
