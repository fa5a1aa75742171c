import { Fixtures } from '../support/fixtures';
import { type HttpClient, httpClient } from '../support/http';
import { LogCapture } from '../support/log-capture';
import { TestRedis } from '../support/redis-server';
import { startTestApp, testEndpoint, type TestApp } from '../support/test-app';

const LIMIT = 6;

/** What one shared limit looks like: LIMIT answers counting down to 0, then `refused` 429s. */
const sharedLimit = (refused: number) => [
  ...Array.from({ length: LIMIT }, (_, i) => `200:${LIMIT - 1 - i}`),
  ...Array.from({ length: refused }, () => '429:0'),
];

describe('rate limits shared through Redis by two instances', () => {
  let redis: TestRedis;
  let fixtures: Fixtures;
  const apps: TestApp[] = [];
  const logs = [new LogCapture(), new LogCapture()];
  let clients: HttpClient[];

  beforeAll(async () => {
    [redis, fixtures] = await Promise.all([TestRedis.start(), Fixtures.open()]);
    const env = { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: String(LIMIT), LOG_LEVEL: 'info' };
    for (const log of logs) apps.push(await startTestApp(env, testEndpoint(), { logDestination: log }));
    clients = apps.map((app) => httpClient(app.baseUrl));
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await fixtures?.close();
    await redis?.stop();
  });

  /** Alternates between the two instances; returns each answer's status and remaining count. */
  async function alternate(key: string, count: number): Promise<string[]> {
    const seen = [];
    for (let i = 0; i < count; i += 1) {
      const response = await clients[i % 2]('GET', '/api/wards', { key });
      seen.push(`${response.status}:${response.headers.get('x-ratelimit-remaining')}`);
    }
    return seen;
  }

  // Nest's Logger is process-wide: both in-process instances may write to either capture.
  const count = (pattern: RegExp) =>
    logs.flatMap((log) => log.entries()).filter((entry) => pattern.test(String(entry.msg))).length;

  it('gives a key its limit once across both instances, not once each', async () => {
    const { key } = await fixtures.keyedUser('pro', 'admin', ['wards:read']);
    expect(await alternate(key, LIMIT + 2)).toEqual(sharedLimit(2));
  });

  it('keeps serving with per-instance limits when Redis goes away, warns once, and shares again when it is back', async () => {
    await redis.stop();
    const { key } = await fixtures.keyedUser('pro', 'admin', ['wards:read']);
    const started = Date.now();
    const whileDown = await alternate(key, 2 * LIMIT + 2);
    const elapsed = Date.now() - started;
    // each instance counts alone now: LIMIT on each, so 2 × LIMIT in all
    expect(whileDown.filter((seen) => seen.startsWith('200')).length).toBe(2 * LIMIT);
    expect(whileDown.slice(-2)).toEqual(['429:0', '429:0']);
    expect(elapsed).toBeLessThan(2000);
    expect(count(/Redis unreachable/)).toBe(2); // once per instance

    await redis.resume();
    const deadline = Date.now() + 10_000;
    while (count(/Redis is back/) < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const fresh = await fixtures.keyedUser('pro', 'admin', ['wards:read']);
    expect(await alternate(fresh.key, LIMIT + 1)).toEqual(sharedLimit(1));
    expect(count(/Redis unreachable/)).toBe(2);
  });
});
