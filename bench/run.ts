/**
 * `npm run bench`: the API (production build, logs at warn) beside two baselines in the same run,
 * driven by autocannon from another process; writes `bench/RESULTS.md` and `bench/plans/`.
 * See bench/README.md for the method. Seeds the dataset first when there is none
 * (`npm run bench:seed -- --reset` to make it again).
 */
import 'reflect-metadata';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseEndpoint } from '@wardline/database';
import { seedBench } from './seed';
import { BENCH_DATA_DIR, openBenchDatabase } from './support/bench-database';
import { type BenchState, readBenchState } from './support/bench-state';
import type { Load, LoadResult } from './support/load';
import { machineConditions } from './support/machine';
import { recordPlans } from './support/plans';
import {
  API_MAIN,
  BENCH_DIST,
  BENCH_PORT_BASE,
  benchApiEnv,
  drive,
  rssMiB,
  rssSampler,
  type Started,
  startProcess,
} from './support/processes';
import { median } from './plan';
import { type ResultRow, writeResults } from './support/results';
import { type SearchTerm, searchPath } from './support/search-terms';
import { measureWebhooks } from './support/webhooks';
import { exportCsv } from './support/export';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const PROFILE = process.env.BENCH_PROFILE === '1';
/** E2/E3 are six one-client loads: a few seconds each give the median of dozens of searches. */
const TYPICAL_SEARCH_SECONDS = Math.min(SECONDS, 4);
const BENCH_DIR = join(__dirname, '..', '..', 'bench');
const PORTS = {
  api: BENCH_PORT_BASE,
  hello: BENCH_PORT_BASE + 1,
  bare: BENCH_PORT_BASE + 2,
  fresh: BENCH_PORT_BASE + 3,
};

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number) => `${Math.round(value)} ms`;
const rps = (value: number) => `${Math.round(value).toLocaleString('en-GB')} req/s`;

/** The seeded state, when the database still holds it; otherwise a fresh seed. */
async function dataset(endpoint: DatabaseEndpoint): Promise<{ state: BenchState; seededNow: boolean }> {
  const state = await readBenchState();
  if (state) {
    const owner = new Client({ connectionString: endpoint.ownerUrl });
    await owner.connect();
    const { rowCount } = await owner.query('SELECT 1 FROM tenants WHERE id = $1', [state.big.id]);
    await owner.end();
    if (rowCount === 1) return { state, seededNow: false };
    throw new Error('The bench state does not match the database: run `npm run bench:seed -- --reset`');
  }
  log('no seeded dataset: seeding (once; later runs reuse it)');
  return { state: await seedBench(endpoint), seededNow: true };
}

/** `rounds` interleaved runs of each load (so drift hits all alike); the runs of each, in order. */
async function interleaved(loads: Record<string, Load>, rounds = ROUNDS): Promise<Record<string, LoadResult[]>> {
  const runs: Record<string, LoadResult[]> = Object.fromEntries(Object.keys(loads).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, load] of Object.entries(loads)) {
      const result = await drive(load);
      log(
        `${name}: ${Math.round(result.requestsPerSecond)} req/s p50 ${result.p50} ms p99 ${result.p99} ms non-2xx ${result.non2xx}`,
      );
      if (result.non2xx > 0 || result.errors > 0)
        log(`  status codes ${JSON.stringify(result.statusCodes)} errors ${result.errors}`);
      runs[name].push(result);
    }
  }
  return runs;
}

const medianOf = (runs: LoadResult[], pick: (run: LoadResult) => number) => median(runs.map(pick));

/** `runs` calls one after another after a warm-up: each one's time and status. */
async function timedGets(url: string, key: string, runs: number): Promise<{ ms: number; status: number }[]> {
  const timings: { ms: number; status: number }[] = [];
  for (let run = 0; run <= runs; run += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { 'x-api-key': key } });
    await response.arrayBuffer();
    if (run > 0) timings.push({ ms: performance.now() - started, status: response.status });
  }
  return timings;
}

/** First start on an empty data directory (embedded PostgreSQL made from nothing), then a warm one. */
async function startTimes(): Promise<{ firstMs: number; warmMs: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wardline-bench-start-'));
  const env = { WARDLINE_DATA_DIR: dataDir, DATABASE_URL: '', DATABASE_APP_URL: '', LOG_LEVEL: 'warn' };
  try {
    const first = await startProcess(API_MAIN, PORTS.fresh, '/health/ready', env, { timeoutMs: 180_000 });
    await first.stop();
    const warm = await startProcess(API_MAIN, PORTS.fresh, '/health/ready', env, { timeoutMs: 180_000 });
    await warm.stop();
    return { firstMs: first.readyMs, warmMs: warm.readyMs };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function nextCursorOf(api: Started, path: string, key: string): Promise<string> {
  const response = await fetch(`${api.url}${path}`, { headers: { 'x-api-key': key } });
  const body = (await response.json()) as { pagination: { nextCursor: string } };
  return body.pagination.nextCursor;
}

const searchLoad = (search: SearchTerm) => `search ${search.what} c1`;

async function totalOf(api: Started, path: string, key: string): Promise<number> {
  const response = await fetch(`${api.url}${path}`, { headers: { 'x-api-key': key } });
  const body = (await response.json()) as { pagination: { total: number } };
  return body.pagination.total;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const conditionsBefore = machineConditions();
  const endpoint = await openBenchDatabase();
  const running: Started[] = [];
  // Interrupted: stop what the bench started, not only the bench.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void Promise.all(running.map((child) => child.stop())).finally(() => process.exit(130));
    });
  }
  try {
    const { state, seededNow } = await dataset(endpoint);
    const big = state.big;
    const adminHeaders = { 'x-api-key': big.adminKey };

    log('recording query plans (bench/plans)');
    const plans = await recordPlans(endpoint, state, join(BENCH_DIR, 'plans'));
    const statementFile = join(BENCH_DATA_DIR, 'cursor-list-statement.json');
    await writeFile(statementFile, JSON.stringify(plans.cursorList));

    const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(BENCH_DIR, 'profiles')}`] : [];
    const apiLog = join(BENCH_DATA_DIR, 'api.log');
    await rm(apiLog, { force: true });
    const api = await startProcess(API_MAIN, PORTS.api, '/health/ready', benchApiEnv(endpoint), {
      nodeArgs,
      logFile: apiLog,
    });
    running.push(api);
    const hello = await startProcess(join(BENCH_DIST, 'apps/nest-hello.js'), PORTS.hello, '/hello', {});
    running.push(hello);
    const bare = await startProcess(join(BENCH_DIST, 'apps/bare-cases.js'), PORTS.bare, '/cases', {
      BENCH_SQL_FILE: statementFile,
    });
    running.push(bare);
    await sleep(3000);
    const idleRss = rssMiB(api.child.pid as number);
    log(`API ready in ${Math.round(api.readyMs)} ms, idle RSS ${idleRss} MiB`);

    const at = (url: string, connections: number, headers?: Record<string, string>, seconds = SECONDS): Load => ({
      url,
      connections,
      seconds,
      headers,
    });
    const list = (query: string) => `${api.url}/api/cases?${query}`;
    const openCursor = await nextCursorOf(api, '/api/cases?pageSize=20&status=open', big.adminKey);
    const cursorPage2 = list(`pageSize=20&cursor=${plans.secondPageCursor}`);
    const cursorDeep = list(`pageSize=20&cursor=${plans.deepCursor}`);

    // Warm every path once so the first measured round does not pay for JIT and caches.
    await interleaved(
      {
        'warm hello': at(`${hello.url}/hello`, 10, undefined, 2),
        'warm me': at(`${api.url}/api/me`, 10, adminHeaders, 2),
        'warm cursor': at(cursorPage2, 10, adminHeaders, 2),
        'warm bare': at(`${bare.url}/cases`, 10, undefined, 2),
      },
      1,
    );

    log('A: /api/me vs NestJS hello; B: cursor list vs bare Fastify + pg');
    const ab = await interleaved({
      hello: at(`${hello.url}/hello`, 50),
      me: at(`${api.url}/api/me`, 50, adminHeaders),
      bare: at(`${bare.url}/cases`, 50),
      cursor: at(cursorPage2, 50, adminHeaders),
    });
    log('C: page mode (with total)');
    const c = await interleaved({
      'page c1': at(list('pageSize=20'), 1, adminHeaders),
      'page status c1': at(list('pageSize=20&status=open'), 1, adminHeaders),
      'page c50': at(list('pageSize=20'), 50, adminHeaders),
      'cursor status c50': at(list(`pageSize=20&status=open&cursor=${openCursor}`), 50, adminHeaders),
      'page status c50': at(list('pageSize=20&status=open'), 50, adminHeaders),
    });
    log('D: deep cursor; E: search');
    const de = await interleaved({
      'cursor page 2 c1': at(cursorPage2, 1, adminHeaders),
      'cursor 90% c1': at(cursorDeep, 1, adminHeaders),
      'search c1': at(list('search=pothole'), 1, adminHeaders),
    });
    log('E2, E3: searches an integrator runs');
    const searchTerms = [...plans.searchTerms.selective, ...plans.searchTerms.common];
    const e23 = await interleaved(
      Object.fromEntries(
        searchTerms.map((search) => [
          searchLoad(search),
          at(`${api.url}${searchPath(search.term)}`, 1, adminHeaders, TYPICAL_SEARCH_SECONDS),
        ]),
      ),
    );
    const searchResults = async (terms: SearchTerm[]) => {
      const results: { what: string; p50: number; matches: number }[] = [];
      for (const search of terms) {
        const matches = await totalOf(api, searchPath(search.term), big.adminKey);
        results.push({ what: search.what, p50: medianOf(e23[searchLoad(search)], (r) => r.p50), matches });
      }
      return results;
    };
    const selectiveSearches = await searchResults(plans.searchTerms.selective);
    const commonSearches = await searchResults(plans.searchTerms.common);
    const searchesMeasured = (results: typeof selectiveSearches) =>
      results
        .map((result) => `${result.what} ${ms(result.p50)} (${result.matches.toLocaleString('en-GB')})`)
        .join(' / ');

    log('Report: summary over the whole year');
    const today = new Date();
    const yearAgo = new Date(today.getTime() - 364 * 86_400_000);
    const summaryUrl = `${api.url}/api/reports/summary?from=${yearAgo.toISOString().slice(0, 10)}&to=${today.toISOString().slice(0, 10)}`;
    const summaryCalls = await timedGets(summaryUrl, big.adminKey, 5);
    const summaryTimings = summaryCalls.map((call) => call.ms);
    const summaryFailed = summaryCalls.filter((call) => call.status !== 200).map((call) => call.status);

    log('F: CSV export of the big tenant');
    const exported = await exportCsv(api, big.adminKey);
    log(
      `  ${exported.rows} rows in ${exported.seconds.toFixed(1)} s, peak RSS ${exported.peakRssMiB} MiB ${exported.failure ?? ''}`,
    );

    log(`G: mixed read/write, 50 tenants, 200 connections, ${MIXED_SECONDS} s`);
    const tenants = [big, ...state.small].slice(0, 50);
    const mixedRssSampler = rssSampler(api.child.pid as number);
    const g = await drive({ url: api.url, connections: 200, seconds: MIXED_SECONDS, mixed: { tenants } });
    const mixedPeakRss = mixedRssSampler.stop();
    log(
      `  ${Math.round(g.requestsPerSecond)} req/s p99 ${g.p99} ms ${JSON.stringify(g.statusCodes)} errors ${g.errors}`,
    );
    await sleep(5000);
    const afterRss = rssMiB(api.child.pid as number);

    log('W: webhook delivery, one worker');
    const webhooks = await measureWebhooks(endpoint, api, state.small[60] ?? big);
    log(
      `  ${Math.round(webhooks.perSecond)} deliveries/s, change to delivery ${Math.round(webhooks.medianChangeMs)} ms`,
    );

    for (const child of running.splice(0)) await child.stop();
    log('H: first start on an empty data directory, then a warm start');
    const starts = await startTimes();

    const A = medianOf(ab.me, (r) => r.okPerSecond) / medianOf(ab.hello, (r) => r.okPerSecond);
    const B = medianOf(ab.cursor, (r) => r.okPerSecond) / medianOf(ab.bare, (r) => r.okPerSecond);
    const cursorRps = medianOf(ab.cursor, (r) => r.okPerSecond);
    const pageP50 = medianOf(c['page c1'], (r) => r.p50);
    const pageStatusP50 = medianOf(c['page status c1'], (r) => r.p50);
    const pageRatio = medianOf(c['page c50'], (r) => r.okPerSecond) / cursorRps;
    const pageStatusRatio =
      medianOf(c['page status c50'], (r) => r.okPerSecond) / medianOf(c['cursor status c50'], (r) => r.okPerSecond);
    const deepP50 = medianOf(de['cursor 90% c1'], (r) => r.p50);
    const page2P50 = medianOf(de['cursor page 2 c1'], (r) => r.p50);
    const searchP50 = medianOf(de['search c1'], (r) => r.p50);
    const summaryMedian = median(summaryTimings);
    const exportRate = exported.rows / exported.seconds;
    const nonThrottled = Object.entries(g.statusCodes).filter(([code]) => !code.startsWith('2') && code !== '429');
    const gErrors = nonThrottled.reduce((sum, [, n]) => sum + n, 0) + g.errors + g.timeouts;

    const rows: ResultRow[] = [
      {
        id: 'A',
        what: '`GET /api/me` vs NestJS + Fastify hello, 50 clients',
        measured: `${A.toFixed(2)} (${rps(medianOf(ab.me, (r) => r.okPerSecond))} vs ${rps(medianOf(ab.hello, (r) => r.okPerSecond))})`,
        target: 'ratio ≥ 0.70',
        met: A >= 0.7,
      },
      {
        id: 'B',
        what: 'cursor-mode `GET /api/cases?pageSize=20` (page 2), 1M-case tenant, vs bare Fastify + pg with the same SQL, 50 clients',
        measured: `${B.toFixed(2)} (${rps(cursorRps)} vs ${rps(medianOf(ab.bare, (r) => r.okPerSecond))})`,
        target: 'ratio ≥ 0.50',
        met: B >= 0.5,
      },
      {
        id: 'C1',
        what: 'page mode with `total`, 1M-case tenant, 1 client: p50 unfiltered / `status=open`',
        measured: `${ms(pageP50)} / ${ms(pageStatusP50)}`,
        target: 'p50 ≤ 50 ms',
        met: pageP50 <= 50 && pageStatusP50 <= 50,
      },
      {
        id: 'C2',
        what: 'page mode throughput as a share of cursor mode, 50 clients: unfiltered / `status=open`',
        measured: `${pageRatio.toFixed(2)} / ${pageStatusRatio.toFixed(2)} (${rps(medianOf(c['page c50'], (r) => r.okPerSecond))} / ${rps(medianOf(c['page status c50'], (r) => r.okPerSecond))})`,
        target: '≥ 0.30',
        met: pageRatio >= 0.3 && pageStatusRatio >= 0.3,
      },
      {
        id: 'D',
        what: 'cursor 90% deep vs cursor page 2, 1 client, p50',
        measured: `${(deepP50 / page2P50).toFixed(2)} (${ms(deepP50)} vs ${ms(page2P50)})`,
        target: 'ratio ≤ 1.5',
        met: deepP50 / page2P50 <= 1.5,
      },
      {
        id: 'E',
        what: '`search=pothole`, 1M-case tenant, 1 client, p50',
        measured: ms(searchP50),
        target: 'p50 ≤ 50 ms',
        met: searchP50 <= 50,
      },
      {
        id: 'E2',
        what: "searches that find one resident or case, 1M-case tenant, 1 client, p50 (matches): a resident's full name / email / a case reference / a postcode, from one seeded case",
        measured: searchesMeasured(selectiveSearches),
        target: 'p50 ≤ 50 ms',
        met: selectiveSearches.every((result) => result.p50 <= 50),
      },
      {
        id: 'E3',
        what: "names the demo data repeats, 1 client, p50 (matches): that resident's surname / street (the generator draws them from small pools, so each is shared by thousands of cases)",
        measured: searchesMeasured(commonSearches),
        target: 'p50 ≤ 50 ms',
        met: commonSearches.every((result) => result.p50 <= 50),
      },
      {
        id: 'F',
        what: 'CSV export of the 1M-case tenant (every unarchived case)',
        measured:
          `${Math.round(exportRate).toLocaleString('en-GB')} rows/s (${exported.rows.toLocaleString('en-GB')} rows in ${exported.seconds.toFixed(1)} s, HTTP ${exported.status}` +
          `${exported.failure ? `, then the stream was cut off: ${exported.failure}` : ''}); peak RSS ${exported.peakRssMiB} MiB`,
        target: '≥ 50,000 rows/s, whole export, peak RSS < 300 MB',
        met: !exported.failure && exportRate >= 50_000 && exported.peakRssMiB < 300,
      },
      {
        id: 'G',
        what: `mixed read/write over 50 tenants, 200 connections, ${MIXED_SECONDS} s`,
        measured: `${rps(g.requestsPerSecond)}, p50 ${ms(g.p50)}, p99 ${ms(g.p99)}; statuses ${JSON.stringify(g.statusCodes)}, socket errors ${g.errors}, timeouts ${g.timeouts}; peak RSS ${mixedPeakRss} MiB`,
        target: '0 errors other than 429; p99 reported',
        met: gErrors === 0,
      },
      {
        id: 'H',
        what: 'start to ready (`/health/ready`): first on an empty data dir (embedded PostgreSQL created), then warm',
        measured: `${(starts.firstMs / 1000).toFixed(1)} s first, ${(starts.warmMs / 1000).toFixed(1)} s warm`,
        target: 'first ≤ 15 s',
        met: starts.firstMs <= 15_000,
      },
      {
        id: 'I',
        what: 'API RSS idle after start / after G',
        measured: `${idleRss} MiB / ${afterRss} MiB`,
        target: '≤ 200 MB after G',
        met: afterRss <= 200,
      },
      {
        id: 'W',
        what: `webhook delivery, one worker: ${webhooks.deliveries} queued deliveries to 8 loopback endpoints; case create → delivery at all 8 (median of ${webhooks.changes})`,
        measured: `${Math.round(webhooks.perSecond)} deliveries/s; ${ms(webhooks.medianChangeMs)}`,
        target: '≥ 500/s; ≤ 1 s',
        met: webhooks.perSecond >= 500 && webhooks.medianChangeMs <= 1000,
      },
      {
        id: 'R',
        what: '`GET /api/reports/summary` over the whole year (issue 10), 1M-case tenant, median of 5',
        measured: `${ms(summaryMedian)}${summaryFailed.length ? ` (HTTP ${summaryFailed.join(', ')} in ${summaryFailed.length} of ${summaryCalls.length})` : ''}`,
        target: '< 1 s',
        met: summaryMedian < 1000 && summaryFailed.length === 0,
      },
    ];
    const details = { ...ab, ...c, ...de, mixed: [g] };
    const resultsPath = join(BENCH_DIR, 'RESULTS.md');
    const previous = await readFile(resultsPath, 'utf8').catch(() => '');
    await writeResults(
      resultsPath,
      {
        rows,
        details,
        summaryTimings,
        startedAt,
        finishedAt: new Date(),
        conditionsBefore,
        conditionsAfter: machineConditions(),
        state,
        seededNow,
        endpoint,
        planFiles: plans.files.length,
        apiReadyMs: api.readyMs,
      },
      previous,
    );
    log('wrote bench/RESULTS.md');
  } finally {
    for (const child of running) await child.stop();
    await endpoint.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
