import { request as httpRequest, type ClientRequest } from 'node:http';
import type { KeyedUser } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

/** Enough cases that an export does not fit in the socket buffers of a client that stops reading. */
const NEIGHBOUR_CASES = 3000;
const SLOW_EXPORTS = 9;
const SEARCHERS = 20;
const MEASURE_MS = 6000;
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

  it('keeps council A answering 200 with p95 under 500 ms, and never answers 500', async () => {
    const statuses: number[] = [];
    const neighbourStatuses = new Set<number>();
    const load = { running: true };
    const loop = async (work: () => Promise<number>) => {
      while (load.running) neighbourStatuses.add(await work().catch(() => -1));
    };

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
    const until = Date.now() + MEASURE_MS;
    while (Date.now() < until) {
      const started = performance.now();
      statuses.push(await get(latencies.length % 2 ? '/api/wards' : '/api/cases?pageSize=20', councilA.key));
      latencies.push(performance.now() - started);
    }
    load.running = false;
    await Promise.all(loops);

    const sorted = latencies.toSorted((a, b) => a - b);
    const p50 = percentile(sorted, 0.5);
    const p95 = percentile(sorted, 0.95);
    process.stdout.write(
      `noisy neighbour: council A ${latencies.length} requests, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; ` +
        `statuses A ${[...new Set(statuses)].join(',')}, B ${[...neighbourStatuses].join(',')}\n`,
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(p95).toBeLessThan(500);
    expect([...neighbourStatuses].filter((status) => status >= 500 || status < 0)).toEqual([]);
  }, 120_000);
});
