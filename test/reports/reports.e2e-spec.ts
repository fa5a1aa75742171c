import { categoryRef, createCase, type NamedRef, wardRef } from '../cases/case-helpers';
import { expectEnvelope, expectFieldError } from '../support/expectations';
import { type KeyedUser, uniqueSuffix } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

const TZ = 'Europe/London';
const FROM = '2026-03-01';
const TO = '2026-04-30';
const HOUR = 3_600_000;
const STATUSES = ['open', 'in_progress', 'awaiting_response', 'resolved', 'closed'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
/** 23:30 UTC on 31 March is 00:30 on 1 April in London (BST): the day, week and month edges. */
const EDGE = '2026-03-31T23:30:00.000Z';

const pct = (fraction: number, from: string, to: string) =>
  `round((percentile_cont(${fraction}) WITHIN GROUP (ORDER BY extract(epoch FROM ${to} - ${from}) / 3600))::numeric, 2)::float8`;

interface GroupRow {
  group: { id: string; name: string } | null;
}
const groupIdOf = (row: GroupRow) => row.group?.id ?? '';
const sortedByGroupId = <T extends GroupRow>(rows: T[]) =>
  rows.toSorted((a, b) => (groupIdOf(a) < groupIdOf(b) ? -1 : 1));

interface Viewer {
  label: string;
  key: string;
  /** The caseworker's user id: the plain SQL adds `assignee_id = $2`. */
  assigneeId: string | null;
}

describe('reports', () => {
  const suite = useApiSuite();
  let admin: KeyedUser;
  let caseworker: { id: string; key: string };
  let wards: NamedRef[];
  let categories: NamedRef[];
  const caseIds: string[] = [];
  let edgeCaseId: string;

  const report = (path: string, key: string, params: Record<string, string> = { from: FROM, to: TO }) =>
    suite.request('GET', `/api/reports/${path}?${new URLSearchParams(params)}`, { key });

  /** A plain SQL query over the tenant's cases (as the owner), limited as the viewer is. */
  const sql = async <T>(viewer: Viewer, select: string, where = 'true', tail = ''): Promise<T[]> => {
    const visible = viewer.assigneeId ? 'AND assignee_id = $2' : '';
    const params = viewer.assigneeId ? [admin.tenant.id, viewer.assigneeId] : [admin.tenant.id];
    return (await suite.fixtures.owner.query(
      `SELECT ${select} FROM cases WHERE tenant_id = $1 ${visible} AND (${where}) ${tail}`,
      params,
    )) as T[];
  };
  const start = `('${FROM}'::timestamp AT TIME ZONE '${TZ}')`;
  const end = `(('${TO}'::date + 1)::timestamp AT TIME ZONE '${TZ}')`;
  const createdIn = `created_at >= ${start} AND created_at < ${end}`;
  const resolvedIn = `resolved_at >= ${start} AND resolved_at < ${end}`;
  const isOpen = `status IN ('open', 'in_progress', 'awaiting_response')`;

  const viewers = (): Viewer[] => [
    { label: 'admin', key: admin.key, assigneeId: null },
    { label: 'caseworker', key: caseworker.key, assigneeId: caseworker.id },
  ];

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
    const owner = await suite.fixtures.user(admin.tenant, 'caseworker');
    const key = await suite.fixtures.key(admin.tenant, owner, ['reports:read', 'cases:read']);
    caseworker = { id: owner.id, key: key.key };
    wards = [
      await wardRef(suite.request, admin.key, `North ${uniqueSuffix()}`),
      await wardRef(suite.request, admin.key, `South ${uniqueSuffix()}`),
    ];
    categories = [
      await categoryRef(suite.request, admin.key, `Roads ${uniqueSuffix()}`),
      await categoryRef(suite.request, admin.key, `Housing ${uniqueSuffix()}`),
    ];

    // 60 cases made through the API, then dated by the owner across Feb–May 2026.
    const base = Date.parse('2026-02-25T10:00:00.000Z');
    for (let i = 0; i < 60; i++) {
      const kase = await createCase(suite.request, admin.key, {
        summary: `Report case ${i}`,
        residentName: `Resident ${i}`,
        priority: PRIORITIES[i % 4],
        wardId: i % 3 === 2 ? null : wards[i % 3].id,
        categoryId: i % 5 === 4 ? null : categories[i % 2].id,
        assigneeId: i % 3 === 0 ? caseworker.id : null,
      });
      caseIds.push(kase.id);
      const status = STATUSES[i % 5];
      const createdAt =
        i === 7 ? Date.parse(EDGE) : i === 8 ? Date.parse('2026-02-28T23:30:00.000Z') : base + i * 29 * HOUR;
      const firstResponse = status === 'open' ? null : createdAt + ((i % 7) + 1) * 3 * HOUR;
      const resolved = status === 'resolved' || (status === 'closed' && i % 2 === 0);
      const resolvedAt = resolved ? createdAt + ((i % 5) + 1) * 20 * HOUR + (i % 3) * HOUR : null;
      const dueAt = i % 3 === 1 ? Date.now() + 10 * 24 * HOUR : createdAt + 5 * 24 * HOUR;
      await suite.fixtures.owner.query(
        `UPDATE cases SET status = $2::text, created_at = $3, first_response_at = $4::timestamptz,
                resolved_at = $5::timestamptz, due_at = $6,
                closed_at = CASE WHEN $2::text = 'closed' THEN coalesce($5::timestamptz, $4::timestamptz) END
          WHERE id = $1`,
        [
          kase.id,
          status,
          new Date(createdAt),
          firstResponse && new Date(firstResponse),
          resolvedAt && new Date(resolvedAt),
          new Date(dueAt),
        ],
      );
    }
    edgeCaseId = caseIds[7];

    // A neighbour's cases in the same period never count.
    const neighbour = await suite.fixtures.keyedUser('council', 'admin');
    for (let i = 0; i < 6; i++) await createCase(suite.request, neighbour.key, { summary: `Neighbour ${i}` });
    await suite.fixtures.owner.query(`UPDATE cases SET created_at = $2 WHERE tenant_id = $1`, [
      neighbour.tenant.id,
      new Date('2026-03-15T12:00:00Z'),
    ]);
  });

  describe.each(['admin', 'caseworker'])('every number equals plain SQL over the same cases (%s key)', (label) => {
    const viewer = () => viewers().find((candidate) => candidate.label === label) as Viewer;

    it('summary', async () => {
      const response = await report('summary', viewer().key);
      expect(response.status).toBe(200);
      const [counts] = await sql<Record<string, number>>(
        viewer(),
        `count(*) FILTER (WHERE ${createdIn})::int AS created,
         count(*) FILTER (WHERE ${resolvedIn})::int AS resolved,
         count(*) FILTER (WHERE ${isOpen})::int AS "openNow",
         count(*) FILTER (WHERE ${isOpen} AND due_at < now())::int AS "overdueNow"`,
      );
      const [firstResponse] = await sql<{ median: number; p90: number }>(
        viewer(),
        `${pct(0.5, 'created_at', 'first_response_at')} AS median, ${pct(0.9, 'created_at', 'first_response_at')} AS p90`,
        `${createdIn} AND first_response_at IS NOT NULL`,
      );
      const [resolution] = await sql<{ median: number; p90: number }>(
        viewer(),
        `${pct(0.5, 'created_at', 'resolved_at')} AS median, ${pct(0.9, 'created_at', 'resolved_at')} AS p90`,
        resolvedIn,
      );
      const byStatus = await sql<{ status: string; n: number }>(
        viewer(),
        'status, count(*)::int AS n',
        createdIn,
        'GROUP BY status',
      );
      const byPriority = await sql<{ priority: string; n: number }>(
        viewer(),
        'priority, count(*)::int AS n',
        createdIn,
        'GROUP BY priority',
      );
      expect(response.body).toEqual({
        from: FROM,
        to: TO,
        timezone: TZ,
        ...counts,
        byStatus: Object.fromEntries(STATUSES.map((s) => [s, byStatus.find((r) => r.status === s)?.n ?? 0])),
        byPriority: Object.fromEntries(PRIORITIES.map((p) => [p, byPriority.find((r) => r.priority === p)?.n ?? 0])),
        hoursToFirstResponse: firstResponse,
        hoursToResolution: resolution,
      });
      expect(counts.created).toBeGreaterThan(0);
      expect(counts.resolved).toBeGreaterThan(0);
      expect(firstResponse.median).not.toBeNull();
    });

    it.each([
      ['cases-by-ward', 'wards', 'ward_id', 'wards'],
      ['cases-by-category', 'categories', 'category_id', 'categories'],
    ])('%s', async (path, field, column, table) => {
      const response = await report(path, viewer().key);
      expect(response.status).toBe(200);
      const rows = await sql<{
        id: string | null;
        name: string;
        cases: number;
        open: number;
        resolved: number;
        median: number | null;
      }>(
        viewer(),
        `${column} AS id, (SELECT name FROM ${table} g WHERE g.id = ${column}) AS name, count(*)::int AS cases,
         count(*) FILTER (WHERE ${isOpen})::int AS open,
         count(*) FILTER (WHERE resolved_at IS NOT NULL)::int AS resolved,
         round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at) / 3600)
           FILTER (WHERE resolved_at IS NOT NULL))::numeric, 2)::float8 AS median`,
        createdIn,
        `GROUP BY ${column} ORDER BY cases DESC, name ASC NULLS LAST`,
      );
      const expected = rows.map((row) => ({
        group: row.id ? { id: row.id, name: row.name } : null,
        cases: row.cases,
        open: row.open,
        resolved: row.resolved,
        medianResolutionHours: row.median,
      }));
      expect(sortedByGroupId(response.body[field])).toEqual(sortedByGroupId(expected));
      expect(response.body[field].map((row: { cases: number }) => row.cases)).toEqual(
        expected.map((row) => row.cases).toSorted((a, b) => b - a),
      );
    });

    it.each(['day', 'week', 'month'])('timeseries by %s, empty buckets included', async (interval) => {
      const response = await report('timeseries', viewer().key, { from: FROM, to: TO, interval });
      expect(response.status).toBe(200);
      const perBucket = async (column: string, inPeriod: string) =>
        new Map(
          (
            await sql<{ bucket: string; n: number }>(
              viewer(),
              `to_char(date_trunc('${interval}', ${column} AT TIME ZONE '${TZ}'), 'YYYY-MM-DD') AS bucket, count(*)::int AS n`,
              inPeriod,
              'GROUP BY 1',
            )
          ).map((row) => [row.bucket, row.n]),
        );
      const created = await perBucket('created_at', createdIn);
      const resolved = await perBucket('resolved_at', resolvedIn);
      const buckets = response.body.buckets as { start: string; created: number; resolved: number }[];
      const expectedCount = { day: 61, week: 10, month: 2 }[interval];
      expect(buckets).toHaveLength(expectedCount as number);
      for (const bucket of buckets) {
        expect(bucket).toEqual({
          start: bucket.start,
          created: created.get(bucket.start) ?? 0,
          resolved: resolved.get(bucket.start) ?? 0,
        });
      }
      expect(buckets.map((b) => b.start)).toEqual(expect.arrayContaining([...created.keys()]));
      if (interval === 'day') expect(buckets.some((b) => b.created === 0 && b.resolved === 0)).toBe(true);
    });
  });

  it.each([
    ['day', 92],
    ['week', 14],
    ['month', 3],
  ])('a period without cases still lists every %s bucket, at zero', async (interval, count) => {
    const response = await report('timeseries', admin.key, { from: '2026-06-01', to: '2026-08-31', interval });
    expect(response.body.buckets).toHaveLength(count);
    expect(
      response.body.buckets.every((b: { created: number; resolved: number }) => b.created + b.resolved === 0),
    ).toBe(true);
    // 1 June 2026 is a Monday, so every interval's first bucket starts that day.
    expect(response.body.buckets[0].start).toBe('2026-06-01');
  });

  it('a case at 23:30 UTC on 31 March counts on 1 April, London time', async () => {
    const day = await report('timeseries', admin.key, { from: '2026-03-31', to: '2026-04-01', interval: 'day' });
    const [edgeDay] = (await suite.fixtures.owner.query(
      `SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1 AND created_at >= '2026-03-31T23:00:00Z' AND created_at < '2026-04-01T23:00:00Z'`,
      [admin.tenant.id],
    )) as { n: number }[];
    expect(day.body.buckets.map((b: { start: string }) => b.start)).toEqual(['2026-03-31', '2026-04-01']);
    expect(day.body.buckets[1].created).toBe(edgeDay.n);
    expect(edgeDay.n).toBeGreaterThanOrEqual(1);
    const march = await report('summary', admin.key, { from: '2026-03-31', to: '2026-03-31' });
    const april = await report('summary', admin.key, { from: '2026-04-01', to: '2026-04-01' });
    const [onMarch31] = (await suite.fixtures.owner.query(
      `SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1 AND created_at >= '2026-03-31T00:00:00+01:00' AND created_at < '2026-03-31T23:00:00Z'`,
      [admin.tenant.id],
    )) as { n: number }[];
    expect(march.body.created).toBe(onMarch31.n);
    expect(april.body.created).toBe(edgeDay.n);
    const months = await report('timeseries', admin.key, { from: FROM, to: TO, interval: 'month' });
    const [inApril] = (await suite.fixtures.owner.query(
      `SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1 AND created_at >= '2026-03-31T23:00:00Z' AND created_at < '2026-04-30T23:00:00Z'`,
      [admin.tenant.id],
    )) as { n: number }[];
    expect(months.body.buckets[1]).toMatchObject({ start: '2026-04-01', created: inApril.n });
    const [edge] = (await suite.fixtures.owner.query('SELECT created_at FROM cases WHERE id = $1', [edgeCaseId])) as {
      created_at: Date;
    }[];
    expect(edge.created_at.toISOString()).toBe(EDGE);
  });

  it("the caseworker's numbers are its own cases only, fewer than the council's", async () => {
    const all = (await report('summary', admin.key)).body;
    const own = (await report('summary', caseworker.key)).body;
    expect(own.created).toBeGreaterThan(0);
    expect(own.created).toBeLessThan(all.created);
  });

  describe('public', () => {
    it('holds aggregates only: no names of people, contact details, references or free text', async () => {
      const response = await report('public', admin.key);
      expect(response.status).toBe(200);
      const text = JSON.stringify(response.body);
      expect(text).not.toMatch(/Resident \d|Report case|CW-\d{4}/);
      expect(Object.keys(response.body).toSorted()).toEqual(
        [
          'byCategory',
          'byStatus',
          'byWard',
          'created',
          'from',
          'medianResolutionHours',
          'minimumGroupSize',
          'resolved',
          'timezone',
          'to',
        ].toSorted(),
      );
      const [summary] = [(await report('summary', admin.key)).body];
      expect(response.body).toMatchObject({
        created: summary.created,
        resolved: summary.resolved,
        minimumGroupSize: 5,
      });
      expect(response.body.medianResolutionHours).toBe(summary.hoursToResolution.median);
    });

    it('suppresses every group under 5 cases, and any remainder that would reveal one', async () => {
      const small = await suite.fixtures.keyedUser('council', 'admin');
      const [big, middle, tiny, tinier] = await Promise.all(
        ['Big', 'Middle', 'Tiny', 'Tinier'].map((name) =>
          wardRef(suite.request, small.key, `${name} ${uniqueSuffix()}`),
        ),
      );
      // Ward sizes 9, 6, 3, 1: 1+3 is still under 5, so the 6 is folded too.
      const plan: [NamedRef, number][] = [
        [big, 9],
        [middle, 6],
        [tiny, 3],
        [tinier, 1],
      ];
      for (const [ward, count] of plan) {
        for (let i = 0; i < count; i++) await createCase(suite.request, small.key, { summary: 'x', wardId: ward.id });
      }
      const today = new Date().toISOString().slice(0, 10);
      const response = await report('public', small.key, { from: today, to: today });
      expect(response.body.byWard).toEqual({
        groups: [{ name: big.name, cases: 9 }],
        suppressedGroups: 3,
        otherCases: 10,
      });
      // Every case is open: one status of 19; the other statuses are empty.
      expect(response.body.byStatus).toEqual({
        groups: [{ name: 'open', cases: 19 }],
        suppressedGroups: 0,
        otherCases: 0,
      });
      expect(response.body.medianResolutionHours).toBeNull();

      const lonely = await suite.fixtures.keyedUser('council', 'admin');
      await createCase(suite.request, lonely.key, { summary: 'only one' });
      const one = await report('public', lonely.key, { from: today, to: today });
      expect(one.body).toMatchObject({
        created: null,
        byStatus: { groups: [], suppressedGroups: 1, otherCases: null },
        byWard: { groups: [], suppressedGroups: 1, otherCases: null },
      });
    });
  });

  describe('period', () => {
    it('defaults to the last 30 days, today included', async () => {
      const response = await report('summary', admin.key, {});
      expect(response.status).toBe(200);
      const to = Date.parse(`${response.body.to}T00:00:00Z`);
      expect(to - Date.parse(`${response.body.from}T00:00:00Z`)).toBe(29 * 24 * HOUR);
      expect(Math.abs(Date.now() - to)).toBeLessThan(2 * 24 * HOUR);
    });

    it.each([
      ['from', { from: '2026-13-01' }],
      ['from', { from: '2026-02-30' }],
      ['to', { to: '31/03/2026' }],
      ['from', { from: '2026-04-02', to: '2026-04-01' }],
      ['from', { from: '2020-01-01', to: '2026-01-02' }],
      ['interval', { interval: 'hour' }],
      ['page', { page: '1' }],
    ])('a bad %s is 400', async (field, params) => {
      expectFieldError(await report('timeseries', admin.key, params as Record<string, string>), 400, field);
    });

    it('five years is allowed', async () => {
      const response = await report('timeseries', admin.key, {
        from: '2021-05-01',
        to: '2026-04-30',
        interval: 'month',
      });
      expect(response.status).toBe(200);
      expect(response.body.buckets).toHaveLength(60);
    });
  });

  describe('access', () => {
    it('OpenAPI names the scope, minimum role and plan of every report', async () => {
      const spec = (await suite.request('GET', '/openapi.json')).body;
      for (const path of ['summary', 'cases-by-ward', 'cases-by-category', 'timeseries', 'public']) {
        expect(spec.paths[`/api/reports/${path}`].get).toMatchObject({
          'x-required-scope': 'reports:read',
          'x-minimum-role': 'caseworker',
          'x-plans': ['council'],
        });
      }
    });

    it.each(['summary', 'cases-by-ward', 'cases-by-category', 'timeseries', 'public'])(
      '%s: council plan and reports:read only',
      async (path) => {
        const pro = await suite.fixtures.keyedUser('pro', 'admin', ['reports:read', 'cases:read']);
        const denied = await report(path, pro.key);
        expectEnvelope(denied, 403);
        expect(denied.body.details).toMatchObject({ plan: 'pro', requiredScope: 'reports:read' });
        const noScope = await suite.fixtures.keyedUser('council', 'admin', ['cases:read']);
        expectEnvelope(await report(path, noScope.key), 403);
        expect((await suite.request('GET', `/api/reports/${path}`)).status).toBe(401);
      },
    );
  });
});
