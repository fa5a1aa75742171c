import { expectEnvelope } from '../support/expectations';
import { useApiSuite } from '../support/suite';

const headersOf = (response: { headers: Headers }) => ({
  limit: response.headers.get('x-ratelimit-limit'),
  remaining: response.headers.get('x-ratelimit-remaining'),
  reset: response.headers.get('x-ratelimit-reset'),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limits, one instance (contract §6)', () => {
  const suite = useApiSuite({
    RATE_LIMIT_PER_MINUTE: '5',
    RATE_LIMIT_PER_MINUTE_COUNCIL: '7',
    RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '3',
  });

  it('allows exactly the limit per key, counting down in the headers, then 429 with Retry-After', async () => {
    const { key } = await suite.fixtures.keyedUser('pro', 'admin', ['wards:read']);
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await suite.request('GET', '/api/wards', { key });
      expect(response.status).toBe(200);
      expect(headersOf(response).limit).toBe('5');
      expect(Number(headersOf(response).reset)).toBeGreaterThan(0);
      remaining.push(headersOf(response).remaining);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);

    const refused = await suite.request('GET', '/api/wards', { key });
    expectEnvelope(refused, 429);
    expect(refused.body).toEqual({ error: 'Rate limit exceeded' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(headersOf(refused)).toMatchObject({ limit: '5', remaining: '0' });
  });

  it('counts each key on its own, puts the headers on refusals by scope too, and lets a plan set its own limit', async () => {
    const pro = await suite.fixtures.keyedUser('pro', 'admin', ['wards:read']);
    const other = await suite.fixtures.keyedUser('pro', 'admin', ['wards:read']);
    const council = await suite.fixtures.keyedUser('council', 'admin', ['wards:read']);

    const forbidden = await suite.request('GET', '/api/cases', { key: pro.key });
    expect(forbidden.status).toBe(403);
    expect(headersOf(forbidden)).toMatchObject({ limit: '5', remaining: '4' });

    expect(headersOf(await suite.request('GET', '/api/me', { key: other.key }))).toMatchObject({ remaining: '4' });
    const councilMe = await suite.request('GET', '/api/me', { key: council.key });
    expect(headersOf(councilMe)).toMatchObject({ limit: '7', remaining: '6' });
  });

  it('limits missing and invalid keys per client IP, without touching valid keys', async () => {
    const { key } = await suite.fixtures.keyedUser('pro', 'admin', ['wards:read']);
    const statuses = [];
    for (const options of [{}, { key: 'wl_nope' }, { key: `wl_${'A'.repeat(38)}` }, { key: 'wl_again' }]) {
      statuses.push((await suite.request('GET', '/api/wards', options)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await suite.request('GET', '/api/wards');
    expectEnvelope(limited, 429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
    expect((await suite.request('GET', '/api/wards', { key })).status).toBe(200);
  });
});

describe('rate limits slide (4 s window)', () => {
  const WINDOW_MS = 4000;
  const suite = useApiSuite({ RATE_LIMIT_PER_MINUTE: '4', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_MS / 1000) });

  /** Sleeps until `fraction` of the way into this window, or into the next one. */
  const untilIntoWindow = (fraction: number, next = false) => {
    const into = Date.now() % WINDOW_MS;
    return sleep((next ? WINDOW_MS : 0) + fraction * WINDOW_MS - into);
  };

  it('does not hand out a fresh limit at the window edge, and gives it back as the window moves on', async () => {
    const { key } = await suite.fixtures.keyedUser('pro', 'admin', ['wards:read']);
    await untilIntoWindow(0.05, true);
    for (let i = 0; i < 4; i += 1) expect((await suite.request('GET', '/api/wards', { key })).status).toBe(200);
    expect((await suite.request('GET', '/api/wards', { key })).status).toBe(429);

    // Just past the edge: 4 × 0.85 of the last window still counts, so a fixed window would let it in, this does not.
    await untilIntoWindow(0.15, true);
    const atEdge = await suite.request('GET', '/api/wards', { key });
    expect(atEdge.status).toBe(429);
    expect(Number(atEdge.headers.get('retry-after'))).toBeLessThanOrEqual(WINDOW_MS / 1000);

    // Past the middle: 4 × 0.4 weighs, so two more fit and the third does not.
    await untilIntoWindow(0.6);
    const after = [];
    for (let i = 0; i < 3; i += 1) after.push((await suite.request('GET', '/api/wards', { key })).status);
    expect(after).toEqual([200, 200, 429]);
  });
});

describe('rate limits behind a proxy (TRUST_PROXY_HOPS=1)', () => {
  const suite = useApiSuite({ TRUST_PROXY_HOPS: '1', RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '2' });

  const fromClient = (forwardedFor: string) =>
    suite.request('GET', '/api/wards', { headers: { 'X-Forwarded-For': forwardedFor } });

  it('limits each client the proxy names, and a client cannot name itself', async () => {
    expect([(await fromClient('203.0.113.1')).status, (await fromClient('203.0.113.1')).status]).toEqual([401, 401]);
    expect((await fromClient('203.0.113.1')).status).toBe(429);
    // what the client sent comes first; the proxy's own addition is the one trusted
    expect((await fromClient('198.51.100.7, 203.0.113.1')).status).toBe(429);
    expect((await fromClient('203.0.113.2')).status).toBe(401);
  });
});
