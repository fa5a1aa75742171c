import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig, encodeCursor } from '@wardline/common';
import type { DatabaseEndpoint } from '@wardline/database';
import { createApp } from '../../apps/api/src/bootstrap/create-app';
import { recordSql, type RecordedQuery } from '../sql-recorder';
import type { BenchState } from './bench-state';
import { benchApiEnv } from './processes';
import { type SearchTerm, searchPath, searchTermsOf } from './search-terms';

/** A list or report route on the big tenant, as the admin unless `caseworker`. */
interface Scenario {
  name: string;
  path: string;
  caseworker?: boolean;
}

/** The cursor-mode list statement, for the bare Fastify + pg app to run. */
export interface ListStatement extends RecordedQuery {
  tenantId: string;
  appUrl: string;
}

export interface RecordedPlans {
  cursorList: ListStatement;
  /** A cursor for the second page of the default list, and one 90% deep. */
  secondPageCursor: string;
  deepCursor: string;
  /** Searches an integrator runs, from the big tenant's data (rows E2 and E3). */
  searchTerms: { selective: SearchTerm[]; common: SearchTerm[] };
  files: string[];
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Statements around the route's own: the transaction, the tenant setting, key bookkeeping. */
const PLUMBING =
  /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|START TRANSACTION|SET\b)|set_config\(|wardline_authenticate|wardline_touch_api_keys/i;

async function sampleIds(owner: Client, tenantId: string) {
  const { rows } = await owner.query<{ ward_id: string; category_id: string; assignee_id: string }>(
    `SELECT ward_id, category_id, assignee_id FROM cases WHERE tenant_id = $1 AND ward_id IS NOT NULL
       AND category_id IS NOT NULL AND assignee_id IS NOT NULL LIMIT 1`,
    [tenantId],
  );
  return rows[0];
}

/** A cursor (signed as the bench's API signs them) after the row 90% of the way down the default list. */
async function deepCursorOf(owner: Client, tenantId: string): Promise<string> {
  const { rows } = await owner.query<{ created_at: Date; id: string }>(
    `SELECT created_at, id FROM cases WHERE tenant_id = $1 AND NOT archived
     ORDER BY created_at DESC, id DESC
     OFFSET (SELECT (count(*) * 0.9)::int FROM cases WHERE tenant_id = $1 AND NOT archived) LIMIT 1`,
    [tenantId],
  );
  return encodeCursor({ sort: '-createdAt', values: [rows[0].created_at.toISOString(), rows[0].id] });
}

function scenarios(
  sample: Awaited<ReturnType<typeof sampleIds>>,
  cursors: { second: string; deep: string },
  searches: SearchTerm[],
) {
  const now = Date.now();
  const year = `from=${day(now - 364 * DAY_MS)}&to=${day(now)}`;
  const list: Scenario[] = [
    { name: 'cases-page-1', path: '/api/cases?pageSize=20' },
    { name: 'cases-cursor-page-2', path: `/api/cases?pageSize=20&cursor=${cursors.second}` },
    { name: 'cases-cursor-90pct-deep', path: `/api/cases?pageSize=20&cursor=${cursors.deep}` },
    { name: 'cases-page-50', path: '/api/cases?page=50' },
    { name: 'cases-status-open', path: '/api/cases?status=open' },
    { name: 'cases-ward', path: `/api/cases?wardId=${sample.ward_id}` },
    { name: 'cases-category', path: `/api/cases?categoryId=${sample.category_id}` },
    { name: 'cases-assignee', path: `/api/cases?assigneeId=${sample.assignee_id}` },
    { name: 'cases-priority-urgent', path: '/api/cases?priority=urgent' },
    { name: 'cases-source-phone', path: '/api/cases?sourceChannel=phone' },
    { name: 'cases-archived', path: '/api/cases?archived=true' },
    { name: 'cases-created-30-days', path: `/api/cases?createdFrom=${new Date(now - 30 * DAY_MS).toISOString()}` },
    { name: 'cases-updated-7-days', path: `/api/cases?updatedSince=${new Date(now - 7 * DAY_MS).toISOString()}` },
    { name: 'cases-sort-updated', path: '/api/cases?sort=-updatedAt' },
    { name: 'cases-sort-reference', path: '/api/cases?sort=reference' },
    { name: 'cases-sort-priority', path: '/api/cases?sort=-priority' },
    { name: 'cases-sort-due', path: '/api/cases?sort=dueAt' },
    { name: 'cases-search', path: '/api/cases?search=pothole' },
    { name: 'cases-search-open', path: '/api/cases?search=pothole&status=open' },
    ...searches.map(({ what, term }) => ({ name: `cases-search-${what.replace(/ /g, '-')}`, path: searchPath(term) })),
    { name: 'cases-caseworker', path: '/api/cases?pageSize=20', caseworker: true },
    { name: 'wards', path: '/api/wards' },
    { name: 'categories', path: '/api/categories' },
    { name: 'users', path: '/api/users' },
    { name: 'audit-logs', path: '/api/audit-logs' },
    { name: 'events', path: '/api/events' },
    { name: 'news', path: '/api/news' },
  ];
  const reports: Scenario[] = [
    { name: 'report-summary-30-days', path: '/api/reports/summary' },
    { name: 'report-summary-year', path: `/api/reports/summary?${year}` },
    { name: 'report-summary-year-caseworker', path: `/api/reports/summary?${year}`, caseworker: true },
    { name: 'report-by-ward-year', path: `/api/reports/cases-by-ward?${year}` },
    { name: 'report-by-category-year', path: `/api/reports/cases-by-category?${year}` },
    { name: 'report-timeseries-day-year', path: `/api/reports/timeseries?interval=day&${year}` },
    { name: 'report-public-year', path: `/api/reports/public?${year}` },
  ];
  return [...list, ...reports];
}

async function explain(app: Client, tenantId: string, query: RecordedQuery): Promise<string> {
  await app.query('BEGIN');
  try {
    await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const { rows } = await app.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`,
      query.values,
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await app.query('ROLLBACK');
  }
}

/**
 * Calls every list and report route once on the big tenant through the real API in this
 * process, records the SQL each sent, and writes `EXPLAIN (ANALYZE, BUFFERS)` of each statement,
 * run as the application role inside the tenant (as the API runs it), to `outDir`.
 */
export async function recordPlans(
  endpoint: DatabaseEndpoint,
  state: BenchState,
  outDir: string,
): Promise<RecordedPlans> {
  const config = new AppConfig({ ...benchApiEnv(endpoint), LOG_LEVEL: 'silent' });
  const app = await createApp(config, endpoint);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const owner = new Client({ connectionString: endpoint.ownerUrl });
  const explainer = new Client({ connectionString: endpoint.appUrl });
  await owner.connect();
  await explainer.connect();
  const recorder = recordSql((text) => !PLUMBING.test(text));
  const tenantId = state.big.id;
  const call = async (path: string, caseworker = false) => {
    const response = await fetch(`${base}${path}`, {
      headers: { 'x-api-key': caseworker ? state.big.caseworkerKey : state.big.adminKey },
    });
    return { status: response.status, body: (await response.json()) as { pagination?: { nextCursor: string } } };
  };
  try {
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    const second = (await call('/api/cases?pageSize=20')).body.pagination?.nextCursor as string;
    const deep = await deepCursorOf(owner, tenantId);
    const searchTerms = await searchTermsOf(owner, tenantId);
    const searches = [...searchTerms.selective, ...searchTerms.common];
    let cursorList: RecordedQuery | undefined;
    const files: string[] = [];
    for (const scenario of scenarios(await sampleIds(owner, tenantId), { second, deep }, searches)) {
      await call(scenario.path, scenario.caseworker);
      recorder.take();
      const { status } = await call(scenario.path, scenario.caseworker);
      const queries = recorder.take();
      if (scenario.name === 'cases-cursor-page-2') cursorList = queries.at(-1);
      const sections: string[] = [];
      for (const [index, query] of queries.entries()) {
        const plan = await explain(explainer, tenantId, query);
        sections.push(
          `-- statement ${index + 1} of ${queries.length}\n${query.text}\n-- parameters: ${JSON.stringify(query.values)}\n\n${plan}\n`,
        );
      }
      const file = join(outDir, `${scenario.name}.txt`);
      const who = scenario.caseworker ? 'a caseworker key' : 'the admin key';
      await writeFile(
        file,
        `GET ${scenario.path.replace(/cursor=[^&]+/, 'cursor=…')}\n` +
          `-- HTTP ${status}, ${state.big.cases} cases in the tenant, as ${who}; EXPLAIN (ANALYZE, BUFFERS) as the application role inside the tenant\n\n` +
          sections.join('\n'),
      );
      files.push(file);
    }
    if (!cursorList) throw new Error('The cursor-mode list sent no statement');
    return {
      cursorList: { ...cursorList, tenantId, appUrl: endpoint.appUrl },
      secondPageCursor: second,
      deepCursor: deep,
      searchTerms,
      files,
    };
  } finally {
    recorder.stop();
    await owner.end();
    await explainer.end();
    await app.close();
  }
}
