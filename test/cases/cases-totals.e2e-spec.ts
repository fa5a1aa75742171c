import { scopesOfPlan } from '@wardline/auth';
import {
  type NamedRef,
  type Params,
  categoryRef,
  createCase,
  createCases,
  listCases,
  patchCase,
  wardRef,
} from './case-helpers';
import { type KeyedUser, uniqueSuffix } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

/** A list filter, and the same condition in SQL on `cases` (values are this test's own ids). */
interface Filter {
  params: Params;
  where: string;
}

/**
 * Page mode's `total` (contract §3) comes from counts the database keeps beside `cases` where
 * the filters allow, else from a count of the rows: either way it must equal a plain SQL count,
 * for every key, after any mix of changes.
 */
describe('case list totals', () => {
  const suite = useApiSuite();
  let admin: KeyedUser;
  let neighbour: KeyedUser;
  let caseworker: { id: string; key: string };
  let other: { id: string };
  let wards: NamedRef[];
  let categories: NamedRef[];
  const ids: string[] = [];

  /** Every supported filter, a few combinations the counts answer, and the fallbacks. */
  const filters = (): Filter[] => [
    { params: {}, where: 'NOT archived' },
    { params: { archived: true }, where: 'archived' },
    { params: { status: 'open' }, where: `NOT archived AND status = 'open'` },
    { params: { status: 'open,resolved' }, where: `NOT archived AND status IN ('open', 'resolved')` },
    { params: { archived: true, status: 'closed' }, where: `archived AND status = 'closed'` },
    { params: { priority: 'urgent' }, where: `NOT archived AND priority = 'urgent'` },
    { params: { wardId: wards[0].id }, where: `NOT archived AND ward_id = '${wards[0].id}'` },
    {
      params: { wardId: `${wards[0].id},${wards[1].id.toUpperCase()}` },
      where: `NOT archived AND ward_id IN ('${wards[0].id}', '${wards[1].id}')`,
    },
    { params: { categoryId: categories[1].id }, where: `NOT archived AND category_id = '${categories[1].id}'` },
    { params: { sourceChannel: 'phone,email' }, where: `NOT archived AND source_channel IN ('phone', 'email')` },
    { params: { assigneeId: caseworker.id }, where: `NOT archived AND assignee_id = '${caseworker.id}'` },
    {
      params: { assigneeId: `${caseworker.id},${other.id}`, status: 'in_progress' },
      where: `NOT archived AND assignee_id IN ('${caseworker.id}', '${other.id}') AND status = 'in_progress'`,
    },
    // Counted row by row: two discrete filters, dates, search.
    {
      params: { status: 'open', priority: 'urgent' },
      where: `NOT archived AND status = 'open' AND priority = 'urgent'`,
    },
    {
      params: { wardId: wards[0].id, categoryId: categories[0].id },
      where: `NOT archived AND ward_id = '${wards[0].id}' AND category_id = '${categories[0].id}'`,
    },
    {
      params: { createdFrom: '2026-01-01T00:00:00Z' },
      where: `NOT archived AND created_at >= '2026-01-01T00:00:00Z'`,
    },
    {
      params: { search: 'pothole' },
      where: `NOT archived AND search_vector @@ websearch_to_tsquery('english', 'pothole')`,
    },
  ];

  const sqlCount = async (tenantId: string, where: string): Promise<number> => {
    const [row] = (await suite.fixtures.owner.query(
      `SELECT count(*)::int AS total FROM cases WHERE tenant_id = $1 AND ${where}`,
      [tenantId],
    )) as { total: number }[];
    return row.total;
  };

  const totalOf = async (key: string, params: Params): Promise<number> =>
    (await listCases(suite.request, key, { ...params, page: 1, pageSize: 5 })).body.pagination.total as number;

  /** Every filter's total for the admin and the caseworker against SQL; returns the admin's totals. */
  const expectTotalsToMatchSql = async (): Promise<number[]> => {
    const seen: number[] = [];
    for (const { params, where } of filters()) {
      const expected = {
        admin: await sqlCount(admin.tenant.id, where),
        caseworker: await sqlCount(admin.tenant.id, `${where} AND assignee_id = '${caseworker.id}'`),
      };
      const actual = { admin: await totalOf(admin.key, params), caseworker: await totalOf(caseworker.key, params) };
      expect({ params, ...actual }).toEqual({ params, ...expected });
      seen.push(actual.admin);
    }
    return seen;
  };

  /** GET /api/wards/export as `key`: ward id → caseCount. */
  const wardCaseCounts = async (key: string) => {
    const response = await suite.request('GET', '/api/wards/export?format=json', { key });
    expect(response.status).toBe(200);
    const rows = response.body as { id: string; caseCount: number }[];
    return Object.fromEntries(rows.map((ward) => [ward.id, ward.caseCount]));
  };

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
    neighbour = await suite.fixtures.keyedUser('council', 'admin');
    const worker = await suite.fixtures.user(admin.tenant, 'caseworker');
    caseworker = { id: worker.id, key: (await suite.fixtures.key(admin.tenant, worker, scopesOfPlan('council'))).key };
    other = await suite.fixtures.user(admin.tenant, 'caseworker');
    wards = [
      await wardRef(suite.request, admin.key, `North ${uniqueSuffix()}`),
      await wardRef(suite.request, admin.key, `South ${uniqueSuffix()}`),
    ];
    categories = [
      await categoryRef(suite.request, admin.key, `Roads ${uniqueSuffix()}`),
      await categoryRef(suite.request, admin.key, `Parks ${uniqueSuffix()}`),
    ];
    const channels = ['phone', 'email', 'web_form', 'letter'];
    for (let i = 0; i < 16; i++) {
      const kase = await createCase(suite.request, i % 5 === 0 ? caseworker.key : admin.key, {
        summary: i % 3 === 0 ? `Pothole on road ${i}` : `Streetlight ${i}`,
        priority: ['low', 'normal', 'high', 'urgent'][i % 4],
        wardId: i % 4 === 3 ? null : wards[i % 2].id,
        categoryId: i % 5 === 4 ? null : categories[i % 2].id,
        assigneeId: i % 5 === 0 ? undefined : [null, caseworker.id, other.id][i % 3],
        sourceChannel: channels[i % 4],
        residentEmail: `resident.${i % 2}.${admin.tenant.id}@example.test`,
      });
      ids.push(kase.id);
    }
    // The neighbour's cases must never count for this council.
    for (let i = 0; i < 3; i++) await createCase(suite.request, neighbour.key, { summary: `Pothole ${i}` });
  });

  it('equal a SQL count after creates, status changes, archiving, reassignment, moves, deletes and erasure', async () => {
    await expectTotalsToMatchSql();

    await patchCase(suite.request, admin.key, ids[1], { status: 'in_progress' });
    await patchCase(suite.request, admin.key, ids[2], { status: 'resolved' });
    await patchCase(suite.request, admin.key, ids[3], { status: 'closed' });
    await patchCase(suite.request, admin.key, ids[3], { archived: true });
    await patchCase(suite.request, admin.key, ids[4], { archived: true });
    await patchCase(suite.request, admin.key, ids[4], { archived: false, status: 'awaiting_response' });
    await patchCase(suite.request, admin.key, ids[6], { assigneeId: caseworker.id, status: 'in_progress' });
    await patchCase(suite.request, admin.key, ids[7], { assigneeId: null });
    await patchCase(suite.request, admin.key, ids[8], { wardId: wards[1].id, categoryId: null, priority: 'urgent' });
    await patchCase(suite.request, admin.key, ids[9], { wardId: null, categoryId: categories[0].id });
    await patchCase(suite.request, caseworker.key, ids[10], { status: 'in_progress' });
    await patchCase(suite.request, admin.key, ids[11], { summary: 'Only the words change' });
    await expectTotalsToMatchSql();

    await suite.fixtures.owner.query('DELETE FROM cases WHERE id = ANY($1)', [[ids[12], ids[13]]]);
    const email = `resident.0.${admin.tenant.id}@example.test`;
    const matching = await sqlCount(admin.tenant.id, `resident_email = '${email}'`);
    const erased = await suite.request('POST', '/api/residents/erase', {
      key: admin.key,
      json: { email, confirm: matching },
    });
    expect(erased.status).toBe(200);
    const [before] = await expectTotalsToMatchSql();

    // Demo seeding writes its cases in bulk statements.
    await suite.fixtures.seedDemo({ tenant: admin.tenant.id, cases: 200 });
    const [after] = await expectTotalsToMatchSql();
    expect(after).toBeGreaterThan(before + 100);
  });

  it('equal a SQL count after concurrent creates and status changes in one council', async () => {
    const made = await createCases(
      suite.request,
      admin.key,
      Array.from({ length: 40 }, (_, i) => ({
        summary: `Concurrent ${i}`,
        priority: ['low', 'urgent'][i % 2],
        assigneeId: [null, caseworker.id, other.id][i % 3],
        wardId: wards[i % 2].id,
      })),
    );
    await Promise.all(
      made.map((kase, i) =>
        patchCase(suite.request, admin.key, kase.id, { status: ['in_progress', 'resolved', 'closed'][i % 3] }),
      ),
    );
    await expectTotalsToMatchSql();
  });

  it('count only the council’s own cases', async () => {
    expect(await totalOf(neighbour.key, {})).toBe(3);
    expect(await totalOf(neighbour.key, { status: 'open' })).toBe(3);
    expect(await totalOf(neighbour.key, { wardId: wards[0].id })).toBe(0);
    expect(await totalOf(admin.key, {})).toBe(await sqlCount(admin.tenant.id, 'NOT archived'));
  });

  it('come from the kept counts for the filters they answer, and from the rows otherwise', async () => {
    // A row added by hand to the kept counts shows exactly in the totals that read them.
    const [row] = (await suite.fixtures.owner.query(
      `INSERT INTO case_list_counts (tenant_id, archived, dimension, value, assignee_id, slot, cases)
       VALUES ($1, false, 'status', 'open', NULL, 99, 1000) RETURNING id`,
      [admin.tenant.id],
    )) as { id: string }[];
    try {
      const open = await sqlCount(admin.tenant.id, `NOT archived AND status = 'open'`);
      expect(await totalOf(admin.key, { status: 'open' })).toBe(open + 1000);
      expect(await totalOf(admin.key, { status: 'open', priority: 'urgent' })).toBe(
        await sqlCount(admin.tenant.id, `NOT archived AND status = 'open' AND priority = 'urgent'`),
      );
      expect(await totalOf(caseworker.key, { status: 'open' })).toBe(
        await sqlCount(admin.tenant.id, `NOT archived AND status = 'open' AND assignee_id = '${caseworker.id}'`),
      );
    } finally {
      await suite.fixtures.owner.query('DELETE FROM case_list_counts WHERE id = $1', [row.id]);
    }
  });

  it('give each ward its count in the ward export, as the key may see them', async () => {
    const expected = async (extra: string) =>
      Object.fromEntries(
        await Promise.all(
          wards.map(async (ward) => [ward.id, await sqlCount(admin.tenant.id, `ward_id = '${ward.id}'${extra}`)]),
        ),
      );
    expect(await wardCaseCounts(admin.key)).toMatchObject(await expected(''));
    expect(await wardCaseCounts(caseworker.key)).toMatchObject(await expected(` AND assignee_id = '${caseworker.id}'`));
  });
});
