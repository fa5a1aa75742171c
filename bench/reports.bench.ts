/**
 * Report latency on a large tenant.
 *
 * Method: a fresh database gets one council tenant with BENCH_REPORT_CASES demo cases (default
 * 1 000 000, created over the last year) and a neighbour with a tenth as many, then ANALYZE.
 * Demo seeding makes at most 100 000 cases a run, so beyond that the tenant's demo cases are
 * copied by SQL, each copy 13 minutes earlier than the last (new references, same shape).
 * The real API runs in this process; each report is called once to warm up and
 * BENCH_RUNS times (default 7) over HTTP, one at a time; median and p90 are reported. The
 * issue's bar: `summary` on a 1 000 000-case tenant in under 1 s.
 *
 * Run: npm run bench -- bench/reports     (BENCH_REPORT_CASES=100000 for a quicker pass)
 */
import { scopesOfPlan } from '@wardline/auth';
import { MAX_DEMO_CASES } from '@wardline/operations';
import { Fixtures } from '../test/support/fixtures';
import { httpClient } from '../test/support/http';
import { startTestApp } from '../test/support/test-app';
import { benchPrincipals } from './bench-principals';
import { median, percentile } from './plan';

const CASES = Number(process.env.BENCH_REPORT_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DAY_MS = 86_400_000;
const SUMMARY_BUDGET_MS = 1000;

const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Copies the tenant's cases `copies` times, each copy 13 minutes earlier (through the same triggers). */
const COPY_CASES = `INSERT INTO cases (tenant_id, reference, status, priority, summary, description, resident_name,
    resident_postcode, source_channel, archived, tags, ward_id, category_id, assignee_id,
    due_at, first_response_at, resolved_at, closed_at, created_at, updated_at)
  SELECT tenant_id, reference || '-' || n, status, priority, summary, description, resident_name,
    resident_postcode, source_channel, archived, tags, ward_id, category_id, assignee_id,
    due_at - shift, first_response_at - shift, resolved_at - shift, closed_at - shift, created_at - shift, updated_at - shift
  FROM cases, generate_series(1, $2::int) n, LATERAL (SELECT n * interval '13 minutes' AS shift) s
  WHERE tenant_id = $1`;

async function seedCases(fixtures: Fixtures, tenantId: string, cases: number) {
  const demo = Math.min(cases, MAX_DEMO_CASES);
  await fixtures.seedDemo({ tenant: tenantId, cases: demo });
  const copies = Math.ceil(cases / demo) - 1;
  if (copies > 0) await fixtures.owner.query(COPY_CASES, [tenantId, copies]);
}

it(`answers reports over ${CASES} cases in one tenant`, async () => {
  const fixtures = await Fixtures.open();
  const main = await fixtures.tenant('council', 'reports-bench');
  const started = performance.now();
  await seedCases(fixtures, main.id, CASES);
  const neighbour = await fixtures.tenant('council', 'reports-neighbour');
  await seedCases(fixtures, neighbour.id, Math.ceil(CASES / 10));
  const seededSeconds = (performance.now() - started) / 1000;
  await fixtures.owner.query('VACUUM ANALYZE');

  const { admin, caseworker } = await benchPrincipals(fixtures.owner, main.id);
  const adminKey = (await fixtures.key(main, { id: admin }, scopesOfPlan('council'))).key;
  const caseworkerKey = (await fixtures.key(main, { id: caseworker }, ['reports:read'])).key;

  const app = await startTestApp();
  const request = httpClient(app.baseUrl);
  const today = Date.now();
  const lastYear = `from=${isoDay(today - 364 * DAY_MS)}&to=${isoDay(today)}`;
  const fiveYears = `from=${isoDay(today - 5 * 365 * DAY_MS)}&to=${isoDay(today)}`;
  const scenarios: [string, string, string?][] = [
    ['summary, last 30 days (default)', 'summary'],
    ['summary, last year (every case)', `summary?${lastYear}`],
    ['summary, 5 years (every case)', `summary?${fiveYears}`],
    ['summary, caseworker key, last 30 days', 'summary', caseworkerKey],
    ['summary, caseworker key, last year', `summary?${lastYear}`, caseworkerKey],
    ['cases-by-ward, last year', `cases-by-ward?${lastYear}`],
    ['cases-by-category, last year', `cases-by-category?${lastYear}`],
    ['timeseries by month, last year', `timeseries?interval=month&${lastYear}`],
    ['timeseries by week, last year', `timeseries?interval=week&${lastYear}`],
    ['timeseries by day, last year', `timeseries?interval=day&${lastYear}`],
    ['public, last year', `public?${lastYear}`],
  ];

  const results: { scenario: string; medianMs: number; p90Ms: number; created: number | string }[] = [];
  for (const [scenario, path, key = adminKey] of scenarios) {
    const warm = await request('GET', `/api/reports/${path}`, { key });
    expect(warm.status).toBe(200);
    const timings: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const t0 = performance.now();
      await request('GET', `/api/reports/${path}`, { key });
      timings.push(performance.now() - t0);
    }
    results.push({
      scenario,
      medianMs: Number(median(timings).toFixed(1)),
      p90Ms: Number(percentile(timings, 90).toFixed(1)),
      created: warm.body.created ?? '',
    });
  }
  await app.close();
  await fixtures.close();

  console.log(
    `reports: ${CASES} cases in the tenant (+${Math.ceil(CASES / 10)} in a neighbour), seeded in ` +
      `${seededSeconds.toFixed(1)} s; ${RUNS} runs per scenario\n` +
      results
        .map(
          (r) =>
            `${r.scenario.padEnd(36)} ${String(r.medianMs).padStart(8)} ms median ${String(r.p90Ms).padStart(8)} ms p90  created ${r.created}`,
        )
        .join('\n'),
  );
  const summaries = results.filter((row) => row.scenario.startsWith('summary'));
  expect(summaries.filter((row) => row.medianMs >= SUMMARY_BUDGET_MS).map((row) => row.scenario)).toEqual([]);
});
