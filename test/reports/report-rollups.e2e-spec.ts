import { categoryRef, createCase, wardRef } from '../cases/case-helpers';
import { type KeyedUser, uniqueSuffix } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

const HOUR = 3_600_000;

/** Rollup rows as sorted JSON texts, to compare sets of rows. */
type Row = Record<string, string | number | null>;
interface Rollups {
  counts: string[];
  durations: string[];
}
const keyed = (rows: Row[]) => rows.map((row) => JSON.stringify(row)).toSorted();

/**
 * The per-day and per-month report counts (case_day_counts, case_day_durations) must equal a
 * recount of `cases` after any mix of changes: they are kept by the database, in the same
 * transaction, whoever writes.
 */
describe('report rollups', () => {
  const suite = useApiSuite();
  let admin: KeyedUser;

  /** The counts recomputed from `cases` with plain SQL, in the tenant's zone as it is now. */
  const recount = async (): Promise<Rollups> => {
    const grains = `CROSS JOIN LATERAL (VALUES ('day', local), ('month', date_trunc('month', local)::date)) g (grain, day)`;
    const counts = (await suite.fixtures.owner.query(
      `SELECT g.grain, to_char(g.day, 'YYYY-MM-DD') AS day, c.assignee_id, c.status, c.priority, count(*)::int AS cases
         FROM cases c JOIN tenants t ON t.id = c.tenant_id
         CROSS JOIN LATERAL (SELECT (c.created_at AT TIME ZONE t.timezone)::date AS local) l ${grains}
        WHERE c.tenant_id = $1 GROUP BY 1, 2, 3, 4, 5`,
      [admin.tenant.id],
    )) as Row[];
    const durations = (await suite.fixtures.owner.query(
      `SELECT m.measure, g.grain, to_char(g.day, 'YYYY-MM-DD') AS day, c.assignee_id,
              wardline_duration_bucket(m.at - c.created_at) AS bucket, count(*)::int AS cases
         FROM cases c JOIN tenants t ON t.id = c.tenant_id
         CROSS JOIN LATERAL (VALUES ('first_response', c.created_at, c.first_response_at),
                                    ('resolution', c.resolved_at, c.resolved_at)) m (measure, day_at, at)
         CROSS JOIN LATERAL (SELECT (m.day_at AT TIME ZONE t.timezone)::date AS local) l ${grains}
        WHERE c.tenant_id = $1 AND m.at IS NOT NULL GROUP BY 1, 2, 3, 4, 5`,
      [admin.tenant.id],
    )) as Row[];
    return { counts: keyed(counts), durations: keyed(durations) };
  };

  /** What the rollups hold for the tenant (rows that netted to zero are no count). */
  const rollups = async (): Promise<Rollups> => {
    const counts = (await suite.fixtures.owner.query(
      `SELECT grain, to_char(day, 'YYYY-MM-DD') AS day, assignee_id, status, priority, cases
         FROM case_day_counts WHERE tenant_id = $1 AND cases <> 0`,
      [admin.tenant.id],
    )) as Row[];
    const durations = (await suite.fixtures.owner.query(
      `SELECT measure, grain, to_char(day, 'YYYY-MM-DD') AS day, assignee_id, bucket, cases
         FROM case_day_durations WHERE tenant_id = $1 AND cases <> 0`,
      [admin.tenant.id],
    )) as Row[];
    return { counts: keyed(counts), durations: keyed(durations) };
  };

  const expectRollupsToEqualRecount = async () => {
    const [kept, recounted] = [await rollups(), await recount()];
    expect(kept.counts).toEqual(recounted.counts);
    expect(kept.durations).toEqual(recounted.durations);
    return kept;
  };

  const patchCase = async (id: string, json: Record<string, unknown>) => {
    const response = await suite.request('PATCH', `/api/cases/${id}`, { key: admin.key, json });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
  });

  it('equal a recount of cases after creates, moves, reassignments, edits, archives, deletes and a new time zone', async () => {
    const caseworker = await suite.fixtures.user(admin.tenant, 'caseworker');
    const other = await suite.fixtures.user(admin.tenant, 'caseworker');
    const wards = [
      await wardRef(suite.request, admin.key, `East ${uniqueSuffix()}`),
      await wardRef(suite.request, admin.key, `West ${uniqueSuffix()}`),
    ];
    const categories = [
      await categoryRef(suite.request, admin.key, `Bins ${uniqueSuffix()}`),
      await categoryRef(suite.request, admin.key, `Noise ${uniqueSuffix()}`),
    ];
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const kase = await createCase(suite.request, admin.key, {
        summary: `Rollup case ${i}`,
        priority: ['low', 'normal', 'high', 'urgent'][i % 4],
        wardId: wards[i % 2].id,
        categoryId: categories[i % 2].id,
        assigneeId: i % 3 === 0 ? null : i % 3 === 1 ? caseworker.id : other.id,
      });
      ids.push(kase.id);
    }
    // Spread the cases over days and months, near midnight in London and in Auckland.
    const base = Date.parse('2026-03-31T10:30:00.000Z');
    for (const [index, id] of ids.entries()) {
      await suite.fixtures.owner.query('UPDATE cases SET created_at = $2 WHERE id = $1', [
        id,
        new Date(base + index * 13 * HOUR),
      ]);
    }
    await expectRollupsToEqualRecount();

    await patchCase(ids[0], { status: 'in_progress' });
    await patchCase(ids[0], { status: 'resolved' });
    await patchCase(ids[1], { status: 'resolved' });
    await patchCase(ids[1], { status: 'open' });
    await patchCase(ids[2], { status: 'closed' });
    await patchCase(ids[3], { status: 'awaiting_response', assigneeId: other.id });
    await patchCase(ids[4], { assigneeId: null, priority: 'urgent' });
    await patchCase(ids[5], { wardId: wards[0].id, categoryId: null });
    await patchCase(ids[6], { archived: true });
    await patchCase(ids[7], { status: 'resolved' });
    await patchCase(ids[7], { status: 'closed' });
    // Milestones set by hand as history imports do: first response and resolution days apart.
    await suite.fixtures.owner.query(
      `UPDATE cases SET first_response_at = created_at + interval '90 minutes',
              resolved_at = created_at + interval '3 days 5 hours', status = 'resolved' WHERE id = ANY($1)`,
      [[ids[8], ids[9]]],
    );
    await suite.fixtures.owner.query('DELETE FROM cases WHERE id = $1', [ids[10]]);
    const before = await expectRollupsToEqualRecount();
    expect(before.durations.some((row) => row.includes('"resolution"'))).toBe(true);

    const zone = await suite.request('PATCH', '/api/settings', {
      key: admin.key,
      json: { timezone: 'Pacific/Auckland' },
    });
    expect(zone.status).toBe(200);
    const after = await expectRollupsToEqualRecount();
    expect(after.counts).not.toEqual(before.counts);

    await patchCase(ids[11], { status: 'in_progress', assigneeId: caseworker.id });
    await expectRollupsToEqualRecount();
  });

  it('equal a recount after demo seeding, which writes cases in bulk', async () => {
    await suite.fixtures.seedDemo({ tenant: admin.tenant.id, cases: 300 });
    const kept = await expectRollupsToEqualRecount();
    expect(kept.counts.length).toBeGreaterThan(10);
  });
});
