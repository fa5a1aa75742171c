import { Client } from 'pg';
import { cli, databaseUrl, ensureCliBuilt, newTenant } from './cli-harness';

jest.setTimeout(120_000);

const REFERENCE = /^CW-(\d{4})-(\d{4,})$/;
const STATUSES = ['awaiting_response', 'closed', 'in_progress', 'open', 'resolved'];

interface CaseRow {
  id: string;
  reference: string;
  status: string;
  created_at: Date;
  updated_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  local_year: number;
}

/** `seed demo ... --cases n --json` for the tenant: its result, having checked stdout and stderr. */
async function seedCases(tenant: string, cases: number) {
  const run = await cli(['seed', 'demo', '--tenant', tenant, '--cases', String(cases), '--json']);
  expect(run).toMatchObject({ status: 0, stderr: '' }); // no progress bar without a terminal
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(run.stdout) as { cases: { requested: number; created: number }; users: { created: number } };
}

/** Highest sequence number used per year. */
const highestByYear = (rows: CaseRow[]) => {
  const highest = new Map<number, number>();
  for (const row of rows) {
    const [, year, sequence] = REFERENCE.exec(row.reference)!;
    highest.set(Number(year), Math.max(highest.get(Number(year)) ?? 0, Number(sequence)));
  }
  return highest;
};

describe('seed demo --cases', () => {
  let db: Client;
  let tenant: { id: string; slug: string };
  let first: Awaited<ReturnType<typeof seedCases>>;
  /** The state right after the first run; a later test seeds again, and tests run in any order. */
  let firstRows: CaseRow[];
  let firstCounters: Map<number, number>;
  let firstIds: string[];

  beforeAll(ensureCliBuilt, 180_000);

  beforeAll(async () => {
    db = new Client({ connectionString: databaseUrl() });
    await db.connect();
    tenant = await newTenant('council', 'cases');
    first = await seedCases(tenant.slug, 250);
    [firstRows, firstCounters] = await Promise.all([casesOf(), counters()]);
    firstIds = firstRows.map((row) => row.id);
  });

  afterAll(async () => {
    await db?.end();
  });

  const casesOf = async (): Promise<CaseRow[]> =>
    (
      await db.query(
        `SELECT c.id, c.reference, c.status, c.created_at, c.updated_at, c.first_response_at, c.resolved_at,
                c.closed_at, extract(year FROM c.created_at AT TIME ZONE t.timezone)::int AS local_year
         FROM cases c JOIN tenants t ON t.id = c.tenant_id WHERE c.tenant_id = $1`,
        [tenant.id],
      )
    ).rows;

  /** The counter rows the API numbers from, by year. */
  const counters = async (): Promise<Map<number, number>> => {
    const { rows } = await db.query('SELECT year, last_value FROM case_reference_counters WHERE tenant_id = $1', [
      tenant.id,
    ]);
    return new Map(rows.map((row) => [row.year as number, row.last_value as number]));
  };

  it('adds 250 cases with references from the tenant counter, in the year they were created', async () => {
    expect(first.cases).toEqual({ requested: 250, created: 250 });

    const rows = firstRows;
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((row) => row.reference)).size).toBe(250);
    const misnumbered = rows.filter((row) => REFERENCE.exec(row.reference)?.[1] !== String(row.local_year));
    expect(misnumbered).toEqual([]);
    // Numbered from 1 in each year on a fresh tenant, with the counter at the highest number.
    const highest = highestByYear(rows);
    expect(firstCounters).toEqual(highest);
    const perYear = new Map<number, number>();
    for (const row of rows) perYear.set(row.local_year, (perYear.get(row.local_year) ?? 0) + 1);
    expect(highest).toEqual(perYear);
  });

  it('covers every status with milestones that match it', async () => {
    const rows = firstRows;
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(STATUSES));
    const problems = rows.flatMap((row) => {
      const [created, firstResponse, resolved, closed] = [
        row.created_at,
        row.first_response_at,
        row.resolved_at,
        row.closed_at,
      ].map((date) => date?.getTime() ?? null);
      const active = ['open', 'in_progress', 'awaiting_response'].includes(row.status);
      return [
        (firstResponse === null) !== (row.status === 'open') && 'firstResponseAt',
        row.status === 'resolved' && resolved === null && 'resolvedAt missing',
        active && resolved !== null && 'resolvedAt on an active case',
        (closed === null) !== (row.status !== 'closed') && 'closedAt',
        [firstResponse, resolved, closed].some((at) => at !== null && at <= created!) && 'milestone before creation',
        resolved !== null && closed !== null && closed <= resolved && 'closed before resolved',
        row.updated_at.getTime() > Date.now() && 'updated in the future',
      ].flatMap((problem) => (problem ? [`${row.reference} (${row.status}): ${problem}`] : []));
    });
    expect(problems).toEqual([]);
  });

  it('gives every case a timeline: created by the seed, moves that end at its status', async () => {
    const { rows } = await db.query(
      `SELECT c.id, c.status, c.created_at, c.updated_at, c.assignee_id,
              count(*) FILTER (WHERE e.type = 'created')::int AS created,
              bool_and(e.type <> 'created' OR (e.actor_type = 'system' AND e.actor_name = 'Demo seed'
                                              AND e.at = c.created_at AND e.data->>'reference' = c.reference)) AS seeded,
              min(e.at) AS first_at, max(e.at) AS last_at,
              (array_agg(e.data->>'to' ORDER BY e.at) FILTER (WHERE e.type = 'status_changed'))[
                count(*) FILTER (WHERE e.type = 'status_changed')] AS last_move,
              array_agg(e.data->'to'->>'id') FILTER (WHERE e.type = 'assigned') AS assigned
       FROM cases c JOIN case_events e ON e.tenant_id = c.tenant_id AND e.case_id = c.id
       WHERE c.tenant_id = $1 AND c.id = ANY($2) GROUP BY c.id`,
      [tenant.id, firstIds],
    );
    expect(rows).toHaveLength(250);
    for (const row of rows) {
      expect(row).toMatchObject({ created: 1, seeded: true, first_at: row.created_at, last_at: row.updated_at });
      expect(row.last_move ?? 'open').toBe(row.status);
      expect(row.assigned ?? []).toEqual(row.assignee_id ? [row.assignee_id] : []);
    }
  });

  it("spreads cases over the tenant's wards, categories and staff, with due dates from the SLA", async () => {
    const { rows } = await db.query(
      `SELECT count(DISTINCT c.ward_id)::int AS wards, count(DISTINCT c.category_id)::int AS categories,
              count(DISTINCT c.priority)::int AS priorities, count(DISTINCT c.source_channel)::int AS channels,
              count(*) FILTER (WHERE c.assignee_id IS NULL)::int AS unassigned,
              count(*) FILTER (WHERE u.role NOT IN ('caseworker', 'councillor', 'manager') OR NOT u.enabled)::int
                AS wrong_assignee,
              count(*) FILTER (WHERE c.due_at <> c.created_at + make_interval(days => coalesce(cat.sla_days,
                t.default_sla_days)))::int AS wrong_due,
              count(*) FILTER (WHERE c.resident_phone !~ '^07700 900[0-9]{3}$')::int AS wrong_phone,
              count(*) FILTER (WHERE c.resident_email !~ '@example\\.(org|com)$')::int AS wrong_email,
              count(*) FILTER (WHERE c.resident_postcode !~ '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$')::int
                AS wrong_postcode,
              count(*) FILTER (WHERE c.archived)::int AS archived,
              count(*) FILTER (WHERE c.highlighted_for_public AND c.public_summary IS NOT NULL)::int AS highlighted,
              count(*) FILTER (WHERE cardinality(c.tags) > 0)::int AS tagged
       FROM cases c JOIN tenants t ON t.id = c.tenant_id
       LEFT JOIN categories cat ON cat.id = c.category_id LEFT JOIN users u ON u.id = c.assignee_id
       WHERE c.tenant_id = $1 AND c.id = ANY($2)`,
      [tenant.id, firstIds],
    );
    const [stats] = rows;
    expect(stats).toMatchObject({
      wards: 8,
      categories: 9,
      priorities: 4,
      wrong_assignee: 0,
      wrong_due: 0,
      wrong_phone: 0,
      wrong_email: 0,
      wrong_postcode: 0,
      tagged: 250,
    });
    expect(stats.channels).toBeGreaterThanOrEqual(7);
    expect(stats.unassigned).toBeGreaterThan(0);
    expect(stats.archived).toBeGreaterThan(0);
    expect(stats.highlighted).toBeGreaterThan(0);
  });

  it('adds 250 more on a second run without reusing a reference; the API then continues after them', async () => {
    const fixtures = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*)::int FROM wards WHERE tenant_id = $1) AS wards,
                  (SELECT count(*)::int FROM users WHERE tenant_id = $1) AS users`,
          [tenant.id],
        )
      ).rows[0];
    const before = await fixtures();
    const second = await seedCases(tenant.id, 250);
    expect(second.cases).toEqual({ requested: 250, created: 250 });
    expect(second.users.created).toBe(0);
    expect(await fixtures()).toEqual(before);

    const rows = await casesOf();
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((row) => row.reference)).size).toBe(500);
    const highest = highestByYear(rows);
    expect(await counters()).toEqual(highest);

    // The API's own upsert (apps/api cases/case-reference.ts) for the latest year.
    const year = Math.max(...highest.keys());
    const { rows: bumped } = await db.query(
      `INSERT INTO case_reference_counters (tenant_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = case_reference_counters.last_value + 1
       RETURNING last_value`,
      [tenant.id, year],
    );
    expect(bumped[0].last_value).toBe(highest.get(year)! + 1);
    const next = `CW-${year}-${String(bumped[0].last_value).padStart(4, '0')}`;
    expect(rows.map((row) => row.reference)).not.toContain(next);
  });

  it('refuses a count over 100000 and says how every run adds cases in its help', async () => {
    const over = await cli(['seed', 'demo', '--tenant', tenant.slug, '--cases', '100001', '--json']);
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('from 0 to 100000');
    const help = await cli(['seed', 'demo', '--help']);
    expect(help.stdout).toMatch(/every run\s+adds n more/);
  });
});
