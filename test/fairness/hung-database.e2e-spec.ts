import { createServer, connect, type Server, type Socket } from 'node:net';
import { appUrlFrom } from '@wardline/database';
import { expectEnvelope } from '../support/expectations';
import { Fixtures } from '../support/fixtures';
import { type HttpClient, httpClient, statusWithin } from '../support/http';
import { startTestApp, testEndpoint, type TestApp } from '../support/test-app';

/**
 * A TCP relay to PostgreSQL that can stop relaying, as a postmaster stopped with SIGSTOP does:
 * connections stay open, nothing answers.
 */
class FreezingRelay {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private held: (() => void)[] = [];
  private frozen = false;

  constructor(target: URL) {
    this.server = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ]) {
        this.sockets.add(from);
        from.on('data', (chunk) => (this.frozen ? this.held.push(() => to.write(chunk)) : to.write(chunk)));
        from.on('error', () => to.destroy());
        from.on('close', () => to.destroy());
      }
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as { port: number }).port)),
    );
  }

  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
    const held = this.held;
    this.held = [];
    held.forEach((write) => write());
  }

  close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('a hung database (issue 7, finding 7)', () => {
  let relay: FreezingRelay;
  let app: TestApp;
  let fixtures: Fixtures;
  let request: HttpClient;
  let key: string;

  beforeAll(async () => {
    fixtures = await Fixtures.open();
    const appUrl = new URL(appUrlFrom(testEndpoint().ownerUrl));
    relay = new FreezingRelay(new URL(appUrl));
    appUrl.host = `127.0.0.1:${await relay.listen()}`;
    app = await startTestApp({}, { ...testEndpoint(), appUrl: appUrl.toString() });
    request = httpClient(app.baseUrl);
    key = (await fixtures.keyedUser('pro', 'admin', ['wards:read'])).key;
  });
  afterAll(async () => {
    relay.thaw();
    await app.close();
    await relay.close();
    await fixtures.close();
  });

  it('answers 503 with Retry-After within the request deadline, readiness says so, and it recovers', async () => {
    expect((await request('GET', '/api/wards', { key })).status).toBe(200);
    relay.freeze();

    let started = Date.now();
    const ready = await request('GET', '/health/ready');
    expectEnvelope(ready, 503);
    expect(Date.now() - started).toBeLessThan(3000);

    started = Date.now();
    const [wards, me] = await Promise.all([request('GET', '/api/wards', { key }), request('GET', '/api/me', { key })]);
    expectEnvelope(wards, 503);
    expect(Number(wards.headers.get('retry-after'))).toBeGreaterThan(0);
    // A cached key needs no database, and /api/me runs no query: its transaction never begins.
    expect(me.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(16_000);
    expect((await request('GET', '/health/live')).status).toBe(200);

    relay.thaw();
    expect(await statusWithin(request, 200, 20_000, 'GET', '/api/wards', { key })).toBe(200);
  }, 60_000);
});
