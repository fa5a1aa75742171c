import { request as httpRequest, type ClientRequest } from 'node:http';
import type { KeyedUser } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

/** Enough cases that an export does not fit in the socket buffers of a client that stops reading. */
const NEIGHBOUR_CASES = 3000;
const SLOW_EXPORTS = 9;
const SEARCHERS = 20;
/** Council A measures for at least this long and this many requests (so one outlier is not the p95)... */
const MEASURE_MS = 6000;
const MIN_SAMPLES = 60;
const QUIET_SAMPLES = 30;
/** ...but for no longer than this. */
const MAX_MEASURE_MS = 30_000;
/** The most complex search allowed, and a 200-character one over the limit (a 400, no work). */
const SEARCHES = [
  ['pothole', 'flood', 'bins', 'noise', 'parking', 'lighting'].join(' or '),
  Array.from({ length: 40 }, (_, i) => `x${i}`)
    .join(' or ')
    .slice(0, 200),
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

/** A request whose body is read in full; resolves to the status. */
const timedFetch = (baseUrl: string, path: string, key: string, method: string): Promise<number> =>
  fetch(`${baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${key}` } }).then(async (response) => {
    await response.arrayBuffer();
    return response.status;
  });

/**
 * Council B does everything a careless (or hostile) integration can: exports read by a client
 * that stops reading, HEADs on the export, and many heavy searches at once. Council A's plain
 * reads must keep answering quickly, and nobody gets a 500.
 */
describe('a noisy neighbour cannot starve another council (issue 7)', () => {
  const suite = useApiSuite({ RATE_LIMIT_PER_MINUTE: '1000000' });
  let councilA: KeyedUser;
  let councilB: KeyedUser;
  const stalled: ClientRequest[] = [];

  beforeAll(async () => {
    [councilA, councilB] = await Promise.all([suite.fixtures.keyedUser(), suite.fixtures.keyedUser()]);
    await suite.fixtures.seedDemo({ tenant: councilB.tenant.id, cases: NEIGHBOUR_CASES });
  }, 60_000);
  afterAll(() => {
    for (const request of stalled) request.destroy();
  });

  /** An export whose client reads the first chunk and then never reads again. */
  function stalledExport(): Promise<number> {
    return new Promise((resolve, reject) => {
      const url = new URL('/api/cases/export?format=csv', suite.app.baseUrl);
      const request = httpRequest(url, { agent: false, headers: { Authorization: `Bearer ${councilB.key}` } });
      stalled.push(request);
      request.on('response', (response) => {
        response.once('data', () => response.pause());
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
  }

  const get = (path: string, key: string, method = 'GET') => timedFetch(suite.app.baseUrl, path, key, method);

  /** Council A's everyday reads, alternating a case page and the wards. */
  const readAsA = async (index: number) => {
    const sent = performance.now();
    const status = await get(index % 2 ? '/api/wards' : '/api/cases?pageSize=20', councilA.key);
    return { status, ms: performance.now() - sent };
  };

  it('keeps council A answering 200 with p95 under 500 ms, and never answers 500', async () => {
    const statuses: number[] = [];
    const neighbourStatuses = new Set<number>();
    const load = { running: true };
    // Each of B's clients sends again 100 ms after an answer, a second after a 429 (sooner than
    // Retry-After asks). A flood of requests as fast as the CPU answers them is for the per-key
    // rate limit (contract §6) to stop, not for these limits.
    const loop = async (work: () => Promise<number>) => {
      while (load.running) {
        const status = await work().catch(() => -1);
        neighbourStatuses.add(status);
        await new Promise((resolve) => setTimeout(resolve, status === 429 ? 1000 : 100));
      }
    };

    // Council A alone first, so the figures under load can be read against this machine's own.
    const quiet: number[] = [];
    for (let i = 0; i < QUIET_SAMPLES; i++) quiet.push((await readAsA(i)).ms);

    const exports = await Promise.all(Array.from({ length: SLOW_EXPORTS }, stalledExport));
    exports.forEach((status) => neighbourStatuses.add(status));
    const loops = [
      ...Array.from({ length: 5 }, () => loop(() => get('/api/cases/export?format=json', councilB.key, 'HEAD'))),
      ...Array.from({ length: SEARCHERS }, (_, i) =>
        loop(() => get(`/api/cases?search=${encodeURIComponent(SEARCHES[i % 2])}`, councilB.key)),
      ),
    ];
    await new Promise((resolve) => setTimeout(resolve, 300));

    const latencies: number[] = [];
    const started = Date.now();
    const measuring = () =>
      Date.now() - started < MAX_MEASURE_MS && (Date.now() - started < MEASURE_MS || latencies.length < MIN_SAMPLES);
    while (measuring()) {
      const { status, ms } = await readAsA(latencies.length);
      statuses.push(status);
      latencies.push(ms);
    }
    load.running = false;
    await Promise.all(loops);

    const sorted = latencies.toSorted((a, b) => a - b);
    const p50 = percentile(sorted, 0.5);
    const p95 = percentile(sorted, 0.95);
    const quietSorted = quiet.toSorted((a, b) => a - b);
    process.stdout.write(
      `noisy neighbour: council A alone p50 ${percentile(quietSorted, 0.5).toFixed(1)} ms, ` +
        `p95 ${percentile(quietSorted, 0.95).toFixed(1)} ms; under load ${latencies.length} requests, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; ` +
        `statuses A ${[...new Set(statuses)].join(',')}, B ${[...neighbourStatuses].join(',')}\n`,
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(p95).toBeLessThan(500);
    expect([...neighbourStatuses].filter((status) => status >= 500 || status < 0)).toEqual([]);
  }, 120_000);
});
