/**
 * Case list latency and query plans at volume.
 *
 * Method: a fresh database (the test set-up: `DATABASE_URL`'s server, else embedded) gets one
 * council tenant with BENCH_CASES demo cases (default 100 000) and two neighbours with a
 * quarter as many each, then ANALYZE. The real API runs in this process; for each list
 * scenario it is called once to warm up and BENCH_RUNS times (default 15) over HTTP, and the
 * median and p90 latencies are reported. The SQL the API sent for the last call is recorded
 * and EXPLAIN ANALYZEd as the application role inside the tenant (as the API runs it); the
 * table shows how `cases` was reached. Any sequential scan of `cases` fails the run. Last, the
 * whole tenant is exported as CSV while the process's memory is sampled.
 *
 * Run: npm run bench            (BENCH_CASES=20000 npm run bench for a quicker pass)
 */
import { scopesOfPlan } from '@wardline/auth';
import { appUrlFrom } from '@wardline/database';
import { Client } from 'pg';
import { Fixtures } from '../test/support/fixtures';
import { httpClient } from '../test/support/http';
import { startTestApp } from '../test/support/test-app';
import { benchPrincipals } from './bench-principals';
import { median, percentile, type PlanNode, scansOf } from './plan';
import { recordSql } from './sql-recorder';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const MIB = 1024 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

interface Row {
  scenario: string;
  medianMs: number;
  p90Ms: number;
  rows: number;
  scans: string;
}

it(`lists cases from ${CASES} in one tenant with index scans`, async () => {
  const fixtures = await Fixtures.open();
  const main = await fixtures.tenant('council', 'bench');
  const started = performance.now();
  await fixtures.seedDemo({ tenant: main.id, cases: CASES });
  for (let i = 0; i < 2; i += 1) {
    const neighbour = await fixtures.tenant('council', `neighbour${i}`);
    await fixtures.seedDemo({ tenant: neighbour.id, cases: Math.ceil(CASES / 4) });
  }
  const seededSeconds = (performance.now() - started) / 1000;
  await fixtures.owner.query('ANALYZE');

  const { admin, caseworker } = await benchPrincipals(fixtures.owner, main.id);
  const adminKey = (await fixtures.key(main, { id: admin }, scopesOfPlan('council'))).key;
  const caseworkerKey = (await fixtures.key(main, { id: caseworker }, ['cases:read'])).key;
  const [sample] = (await fixtures.owner.query(
    `SELECT ward_id, category_id, assignee_id FROM cases WHERE tenant_id = $1 AND ward_id IS NOT NULL
       AND category_id IS NOT NULL AND assignee_id IS NOT NULL LIMIT 1`,
    [main.id],
  )) as { ward_id: string; category_id: string; assignee_id: string }[];

  const app = await startTestApp();
  const request = httpClient(app.baseUrl);
  const recorder = recordSql((text) => text.includes('FROM "cases"') && /\bLIMIT\b/.test(text));
  const explainer = new Client({ connectionString: appUrlFrom(process.env.DATABASE_URL as string) });
  await explainer.connect();

  const deepCursor = async (): Promise<string> => {
    let cursor = '';
    for (let page = 0; page < 50; page += 1) {
      const response = await request('GET', `/api/cases?pageSize=100${cursor ? `&cursor=${cursor}` : ''}`, {
        key: adminKey,
      });
      cursor = response.body.pagination.nextCursor;
    }
    return cursor;
  };
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const scenarios: [string, string, string?][] = [
    ['newest first (default)', ''],
    ['status=open', 'status=open'],
    ['wardId', `wardId=${sample.ward_id}`],
    ['categoryId', `categoryId=${sample.category_id}`],
    ['assigneeId', `assigneeId=${sample.assignee_id}`],
    ['priority=urgent', 'priority=urgent'],
    ['sourceChannel=phone', 'sourceChannel=phone'],
    ['archived=true', 'archived=true'],
    ['createdFrom (30 days)', `createdFrom=${monthAgo}`],
    ['updatedSince (7 days)', `updatedSince=${weekAgo}`],
    ['sort=updatedAt', 'sort=updatedAt'],
    ['sort=-updatedAt', 'sort=-updatedAt'],
    ['sort=reference', 'sort=reference'],
    ['sort=-priority', 'sort=-priority'],
    ['sort=dueAt', 'sort=dueAt'],
    ['search=pothole', 'search=pothole'],
    ['search=pothole&status=open', 'search=pothole&status=open'],
    ['cursor after 5 000 rows', `pageSize=100&cursor=${await deepCursor()}`],
    ['page=50 (offset 980)', 'page=50'],
    ['caseworker key (own cases)', '', caseworkerKey],
  ];

  const results: Row[] = [];
  for (const [scenario, query, key = adminKey] of scenarios) {
    const path = `/api/cases${query ? `?${query}` : ''}`;
    const warm = await request('GET', path, { key });
    expect(warm.status).toBe(200);
    const timings: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const t0 = performance.now();
      await request('GET', path, { key });
      timings.push(performance.now() - t0);
    }
    const [listQuery] = recorder.take().slice(-1);
    await explainer.query('BEGIN');
    await explainer.query(`SELECT set_config('app.tenant_id', $1, true)`, [main.id]);
    const [
      {
        'QUERY PLAN': [plan],
      },
    ] = (await explainer.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${listQuery.text}`, listQuery.values)).rows as {
      'QUERY PLAN': { Plan: PlanNode }[];
    }[];
    await explainer.query('ROLLBACK');
    results.push({
      scenario,
      medianMs: Number(median(timings).toFixed(1)),
      p90Ms: Number(percentile(timings, 90).toFixed(1)),
      rows: warm.body.cases.length,
      scans: [...new Set(scansOf(plan.Plan, 'cases'))].join(', '),
    });
  }
  recorder.stop();
  await explainer.end();
  const listed = (await request('GET', '/api/cases?pageSize=1', { key: adminKey })).body.pagination.total as number;
  const exported = await measureExport(app.baseUrl, adminKey);
  await app.close();
  await fixtures.close();

  console.log(
    `case lists: ${CASES} cases in the tenant (+${2 * Math.ceil(CASES / 4)} in two neighbours), ` +
      `seeded in ${seededSeconds.toFixed(1)} s; ${RUNS} runs per scenario\n` +
      results
        .map(
          (r) =>
            `${r.scenario.padEnd(30)} ${String(r.medianMs).padStart(7)} ms median ${String(r.p90Ms).padStart(7)} ms p90  ${String(r.rows).padStart(3)} rows  ${r.scans}`,
        )
        .join('\n'),
  );
  console.log(
    `export: ${exported.rows} cases (all unarchived) as CSV in ${exported.seconds.toFixed(1)} s, ` +
      `${(exported.bytes / 1024 / 1024).toFixed(1)} MiB; process RSS before ${exported.rssBeforeMiB} MiB, ` +
      `peak during ${exported.rssPeakMiB} MiB`,
  );
  expect(exported.rows).toBe(listed);
  expect(results.filter((row) => row.scans.includes('Seq Scan')).map((row) => row.scenario)).toEqual([]);
});

/**
 * Streams the whole CSV export and samples this process's RSS (server and client share it)
 * every 50 ms: a streamed export stays flat, a buffered one grows with the row count.
 */
async function measureExport(baseUrl: string, key: string) {
  global.gc?.();
  const rssBeforeMiB = Math.round(process.memoryUsage().rss / MIB);
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/cases/export?format=csv`, { headers: { 'X-API-Key': key } });
  let bytes = 0;
  let newlines = 0;
  let inQuotes = false;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) {
      if (byte === 0x22) inQuotes = !inQuotes;
      else if (byte === 0x0a && !inQuotes) newlines += 1;
    }
  }
  clearInterval(sampler);
  return {
    rows: newlines - 1,
    bytes,
    seconds: (performance.now() - started) / 1000,
    rssBeforeMiB,
    rssPeakMiB: Math.round(rssPeak / MIB),
  };
}
