import type { UserView } from '@wardline/accounts';
import type { KeyedUser } from '../support/fixtures';
import {
  CASE_FIELDS,
  type CaseBody,
  compare,
  createCase,
  categoryRef,
  wardRef,
  DAY_MS,
  expectEnvelope,
  expectFieldError,
  ids,
  listCases,
  type NamedRef,
  type Params,
  patchCase,
  PRIORITY_RANK,
  query,
  type Status,
  useCaseSuite,
  walkCursor,
  walkPages,
} from './case-helpers';

const COUNT = 14;
const ARCHIVED = new Set([4, 9]);
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const CHANNELS = ['email', 'phone', 'web_form'];
const STATUS_PLAN: Status[] = ['open', 'in_progress', 'resolved', 'awaiting_response', 'closed', 'open'];
const CREATED_BASE = Date.parse('2026-01-10T08:00:00.000Z');
const UPDATED_BASE = Date.parse('2026-02-01T08:00:00.000Z');
const HOUR_MS = 3_600_000;
/** Created hours after CREATED_BASE: distinct, not in creation order; the last two tie. */
const createdHour = (i: number): number => (i === COUNT - 1 ? createdHour(COUNT - 2) : (i * 3) % COUNT);
const updatedHour = (i: number) => (i * 9) % COUNT;

type SortKey = (kase: CaseBody) => string | number;
const SORT_KEYS: Record<string, SortKey> = {
  createdAt: (kase) => kase.createdAt,
  updatedAt: (kase) => kase.updatedAt,
  reference: (kase) => kase.reference,
  priority: (kase) => PRIORITY_RANK[kase.priority],
  dueAt: (kase) => kase.dueAt,
};

/** `cases` ordered as `sort` orders them, ties by id in the same direction. */
function sorted(cases: CaseBody[], sort = '-createdAt'): CaseBody[] {
  const descending = sort.startsWith('-');
  const key = SORT_KEYS[sort.replace(/^-/, '')];
  const ordered = cases.toSorted((a, b) => compare(key(a), key(b)) || compare(a.id, b.id));
  return descending ? ordered.toReversed() : ordered;
}

/** `field=<values>` as written in `search`: matches a case whose field is any of `values`. */
const anyOf = (
  field: 'status' | 'priority' | 'sourceChannel',
  search: string,
  values: string[],
): [string, () => string, (kase: CaseBody) => boolean] => [
  search,
  () => search,
  (kase) => values.includes(kase[field]),
];

describe('Cases: list filters, sorts and paging (contract §3, §4)', () => {
  const suite = useCaseSuite();
  let admin: KeyedUser;
  let wards: NamedRef[];
  let categories: NamedRef[];
  let users: UserView[];
  /** Every case of the tenant, as the API reads it after setup. */
  let all: CaseBody[];
  let visible: CaseBody[];

  const list = (params: Params = {}) => suite.request('GET', `/api/cases${query(params)}`, { key: admin.key });
  const listIds = async (params: Params = {}) => ids((await listCases(suite.request, admin.key, params)).body.cases);

  /** `GET /api/cases?<search>` lists exactly the current cases `predicate` picks: some, not all. */
  async function expectNarrowedTo(search: string, predicate: (kase: CaseBody) => boolean) {
    const expected = sorted(visible.filter(predicate));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(visible.length);
    const response = await suite.request('GET', `/api/cases?pageSize=100&${search}`, { key: admin.key });
    expect(response.status).toBe(200);
    expect(ids(response.body.cases)).toEqual(ids(expected));
    expect(response.body.pagination.total).toBe(expected.length);
  }

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
    wards = [await wardRef(suite.request, admin.key, 'North'), await wardRef(suite.request, admin.key, 'South')];
    categories = [
      await categoryRef(suite.request, admin.key, 'Housing'),
      await categoryRef(suite.request, admin.key, 'Waste'),
    ];
    users = [
      await suite.fixtures.user(admin.tenant, 'caseworker', 'Worker One'),
      await suite.fixtures.user(admin.tenant, 'councillor', 'Cllr Two'),
    ];
    const wardOf = [wards[0], wards[1], null, wards[0], wards[1]];
    const assigneeOf = [users[0], users[1], null, users[0], users[1], users[0], null];

    const created: CaseBody[] = [];
    for (let i = 0; i < COUNT; i++) {
      created.push(
        await createCase(suite.request, admin.key, {
          summary: `List case ${i}`,
          priority: PRIORITIES[i % 4],
          sourceChannel: CHANNELS[i % 3],
          wardId: wardOf[i % 5]?.id ?? null,
          categoryId: i % 7 === 6 ? null : categories[i % 2].id,
          assigneeId: assigneeOf[i % 7]?.id ?? null,
          dueAt: new Date(Date.now() + (((i * 5) % COUNT) + 1) * DAY_MS).toISOString(),
        }),
      );
    }
    for (const [i, kase] of created.entries()) {
      const status = STATUS_PLAN[i % STATUS_PLAN.length];
      if (status !== 'open') await patchCase(suite.request, admin.key, kase.id, { status });
      if (ARCHIVED.has(i)) await patchCase(suite.request, admin.key, kase.id, { archived: true });
    }
    for (const [i, kase] of created.entries()) {
      await suite.fixtures.owner.query('UPDATE cases SET created_at = $1, updated_at = $2 WHERE id = $3', [
        new Date(CREATED_BASE + createdHour(i) * HOUR_MS),
        new Date(UPDATED_BASE + updatedHour(i) * HOUR_MS),
        kase.id,
      ]);
    }
    const current = await listCases(suite.request, admin.key, { pageSize: 100 });
    const archived = await listCases(suite.request, admin.key, { pageSize: 100, archived: true });
    all = [...current.body.cases, ...archived.body.cases];
    visible = all.filter((kase) => !kase.archived);
    if (all.length !== COUNT || visible.length !== COUNT - ARCHIVED.size) {
      throw new Error(`setup: expected ${COUNT} cases (${ARCHIVED.size} archived), listed ${all.length}`);
    }
  });

  describe('defaults', () => {
    it('lists unarchived cases, newest first, with every field and page-mode pagination', async () => {
      const response = await list();
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).toSorted()).toEqual(['cases', 'pagination']);
      expect(ids(response.body.cases)).toEqual(ids(sorted(visible, '-createdAt')));
      expect(response.body.pagination).toEqual({
        page: 1,
        pageSize: 20,
        total: visible.length,
        totalPages: 1,
        nextCursor: null,
      });
      for (const kase of response.body.cases) expect(Object.keys(kase).toSorted()).toEqual(CASE_FIELDS);
    });

    it('archived=false is the default; archived=true lists only the archived cases', async () => {
      expect(await listIds({ archived: false })).toEqual(await listIds());
      const archived = await listIds({ archived: true });
      expect(archived.toSorted()).toEqual(ids(all.filter((kase) => kase.archived)).toSorted());
      expect(archived).toHaveLength(ARCHIVED.size);
    });
  });

  describe('filters', () => {
    const single: [string, () => Params, (kase: CaseBody) => boolean][] = [
      ['status=open', () => ({ status: 'open' }), (kase) => kase.status === 'open'],
      ['status=resolved', () => ({ status: 'resolved' }), (kase) => kase.status === 'resolved'],
      ['wardId', () => ({ wardId: wards[0].id }), (kase) => kase.ward?.id === wards[0].id],
      ['categoryId', () => ({ categoryId: categories[1].id }), (kase) => kase.category?.id === categories[1].id],
      ['assigneeId', () => ({ assigneeId: users[0].id }), (kase) => kase.assignee?.id === users[0].id],
      ['priority=urgent', () => ({ priority: 'urgent' }), (kase) => kase.priority === 'urgent'],
      ['sourceChannel=phone', () => ({ sourceChannel: 'phone' }), (kase) => kase.sourceChannel === 'phone'],
      [
        'createdFrom (inclusive, at an exact createdAt)',
        () => ({ createdFrom: new Date(CREATED_BASE + 5 * HOUR_MS).toISOString() }),
        (kase) => Date.parse(kase.createdAt) >= CREATED_BASE + 5 * HOUR_MS,
      ],
      [
        'createdTo',
        () => ({ createdTo: new Date(CREATED_BASE + 7.5 * HOUR_MS).toISOString() }),
        (kase) => Date.parse(kase.createdAt) < CREATED_BASE + 7.5 * HOUR_MS,
      ],
      [
        'updatedSince',
        () => ({ updatedSince: new Date(UPDATED_BASE + 8.5 * HOUR_MS).toISOString() }),
        (kase) => Date.parse(kase.updatedAt) >= UPDATED_BASE + 8.5 * HOUR_MS,
      ],
    ];

    it.each(single)('%s narrows the list to exactly the matching cases', (_name, params, predicate) =>
      expectNarrowedTo(query(params()).slice(1), predicate),
    );

    it('filters combine (AND), also with archived=true', async () => {
      const sample = visible[3];
      const combos: [Params, (kase: CaseBody) => boolean][] = [
        [
          { status: sample.status, priority: sample.priority },
          (kase) => !kase.archived && kase.status === sample.status && kase.priority === sample.priority,
        ],
        [
          { wardId: wards[0].id, sourceChannel: 'email' },
          (kase) => !kase.archived && kase.ward?.id === wards[0].id && kase.sourceChannel === 'email',
        ],
        [
          {
            assigneeId: users[0].id,
            createdFrom: new Date(CREATED_BASE + 3 * HOUR_MS).toISOString(),
            createdTo: new Date(CREATED_BASE + 12 * HOUR_MS).toISOString(),
          },
          (kase) =>
            !kase.archived &&
            kase.assignee?.id === users[0].id &&
            Date.parse(kase.createdAt) >= CREATED_BASE + 3 * HOUR_MS &&
            Date.parse(kase.createdAt) < CREATED_BASE + 12 * HOUR_MS,
        ],
        [
          { archived: true, categoryId: all.find((kase) => kase.archived)?.category?.id },
          (kase) => kase.archived && kase.category?.id === all.find((k) => k.archived)?.category?.id,
        ],
        [
          { categoryId: categories[0].id, updatedSince: new Date(UPDATED_BASE + 4.5 * HOUR_MS).toISOString() },
          (kase) =>
            !kase.archived &&
            kase.category?.id === categories[0].id &&
            Date.parse(kase.updatedAt) >= UPDATED_BASE + 4.5 * HOUR_MS,
        ],
      ];
      for (const [params, predicate] of combos) {
        const expected = sorted(all.filter(predicate));
        expect({ params, matches: expected.length > 0 }).toEqual({ params, matches: true });
        expect({ params, ids: await listIds({ ...params, pageSize: 100 }) }).toEqual({ params, ids: ids(expected) });
      }
    });

    const several: [string, () => string, (kase: CaseBody) => boolean][] = [
      anyOf('status', 'status=open,resolved', ['open', 'resolved']),
      anyOf('status', 'status=open&status=resolved', ['open', 'resolved']),
      anyOf('priority', 'priority=high,%20urgent', ['high', 'urgent']),
      anyOf('sourceChannel', 'sourceChannel=email,phone', ['email', 'phone']),
      ['wardId=<north>,<south>', () => `wardId=${wards[0].id},${wards[1].id}`, (kase) => kase.ward !== null],
      [
        'assigneeId repeated',
        () => `assigneeId=${users[0].id}&assigneeId=${users[1].id}`,
        (kase) => kase.assignee !== null,
      ],
      [
        'categoryId with a repeat',
        () => `categoryId=${categories[1].id},${categories[1].id}`,
        (kase) => kase.category?.id === categories[1].id,
      ],
      [
        'lists combine: any value within a filter, every filter across',
        () => 'status=open,resolved&priority=low,urgent',
        (kase) => ['open', 'resolved'].includes(kase.status) && ['low', 'urgent'].includes(kase.priority),
      ],
    ];

    it.each(several)('%s matches any of the values', (_name, search, predicate) =>
      expectNarrowedTo(search(), predicate),
    );

    it('the export takes the same lists', async () => {
      const response = await suite.request('GET', '/api/cases/export?format=json&status=open,resolved', {
        key: admin.key,
      });
      expect(response.status).toBe(200);
      expect(ids(response.body).toSorted()).toEqual(
        ids(visible.filter((kase) => ['open', 'resolved'].includes(kase.status))).toSorted(),
      );
    });

    it.each([
      ['status=open,bogus', 'status', 'status must be one of: open, in_progress, awaiting_response, resolved, closed'],
      ['status=', 'status', 'status must be one of: open, in_progress, awaiting_response, resolved, closed'],
      ['priority=high&priority=HIGH', 'priority', 'priority must be one of: low, normal, high, urgent'],
      ['wardId=not-an-id,also-not', 'wardId', 'wardId must be a UUID'],
    ])('%s is a 400 that says what each value may be', async (params, field, message) => {
      const response = await suite.request('GET', `/api/cases?${params}`, { key: admin.key });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 400,
        body: {
          error: 'Validation failed',
          details: { fields: { [field]: [`${message} (several may be given: \`a,b\` or the parameter repeated)`] } },
        },
      });
    });

    it('at most 50 ids in one filter', async () => {
      const many = Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      const response = await suite.request('GET', `/api/cases?wardId=${many.join(',')}`, { key: admin.key });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 400,
        body: { error: 'Validation failed', details: { fields: { wardId: ['wardId takes at most 50 ids'] } } },
      });
    });

    it('a filter matching nothing answers an empty page', async () => {
      const response = await list({ wardId: wards[1].id, sourceChannel: 'surgery' });
      expect(response.status).toBe(200);
      expect(response.body.cases).toEqual([]);
      expect(response.body.pagination).toEqual({ page: 1, pageSize: 20, total: 0, totalPages: 0, nextCursor: null });
    });
  });

  describe('sorts', () => {
    it.each([
      'createdAt',
      '-createdAt',
      'updatedAt',
      '-updatedAt',
      'reference',
      '-reference',
      'priority',
      '-priority',
      'dueAt',
      '-dueAt',
    ])('sort=%s', async (sort) => {
      expect(await listIds({ sort, pageSize: 100 })).toEqual(ids(sorted(visible, sort)));
    });

    it('priority sorts by rank low < normal < high < urgent, not alphabetically', async () => {
      const response = await listCases(suite.request, admin.key, { sort: '-priority', pageSize: 100 });
      const priorities = response.body.cases.map((kase: CaseBody) => kase.priority);
      const firsts = priorities.filter((p: string, i: number) => priorities.indexOf(p) === i);
      expect(firsts).toEqual(['urgent', 'high', 'normal', 'low']);
    });

    it('an unknown sort answers 400 naming sort', async () => {
      for (const sort of ['status', 'summary', 'id', 'relevance', '-relevance', 'createdat', '--createdAt']) {
        expectFieldError(await list({ sort }), 400, 'sort');
      }
    });
  });

  describe('bad query values answer 400', () => {
    it.each([
      ['status', 'bogus'],
      ['status', 'OPEN'],
      ['priority', 'critical'],
      ['sourceChannel', 'fax'],
      ['pageSize', '0'],
      ['pageSize', '101'],
      ['pageSize', 'ten'],
      ['page', '0'],
      ['page', '1.5'],
      ['archived', 'maybe'],
      ['archived', '1'],
      ['createdFrom', 'notadate'],
      ['createdTo', '2026-13-45'],
      ['updatedSince', 'yesterday'],
      ['wardId', 'not-a-uuid'],
      ['categoryId', '123'],
      ['assigneeId', 'me'],
    ])('%s=%s', async (name, value) => {
      expectFieldError(await list({ [name]: value }), 400, name);
    });

    it('an unknown query parameter', async () => {
      expectEnvelope(await list({ colour: 'green' }), 400);
    });
  });

  describe('paging', () => {
    it('page mode: total, totalPages, and nextCursor until the last page', async () => {
      const first = await list({ pageSize: 5 });
      expect(first.body.cases).toHaveLength(5);
      expect(first.body.pagination).toEqual({
        page: 1,
        pageSize: 5,
        total: 12,
        totalPages: 3,
        nextCursor: expect.any(String),
      });
      const last = await list({ pageSize: 5, page: 3 });
      expect(last.body.cases).toHaveLength(2);
      expect(last.body.pagination).toEqual({ page: 3, pageSize: 5, total: 12, totalPages: 3, nextCursor: null });
      const beyond = await list({ pageSize: 5, page: 4 });
      expect(beyond.status).toBe(200);
      expect(beyond.body.cases).toEqual([]);
    });

    it.each(['-createdAt', 'createdAt', 'reference', '-priority', 'priority', 'dueAt', '-updatedAt'])(
      'sort=%s: page mode and cursor mode visit the same ordered ids (pageSize 5)',
      async (sort) => {
        const expected = ids(sorted(visible, sort));
        expect(ids(await walkPages(suite.request, admin.key, { sort, pageSize: 5 }))).toEqual(expected);
        expect(ids(await walkCursor(suite.request, admin.key, { sort, pageSize: 5 }))).toEqual(expected);
      },
    );

    it('cursor mode honours filters', async () => {
      const params = { sourceChannel: 'email', pageSize: 2, sort: 'dueAt' };
      const expected = ids(
        sorted(
          visible.filter((kase) => kase.sourceChannel === 'email'),
          'dueAt',
        ),
      );
      expect(expected.length).toBeGreaterThan(2);
      expect(ids(await walkCursor(suite.request, admin.key, params))).toEqual(expected);
    });

    it('cursor mode: page, total and totalPages are null', async () => {
      const first = await list({ pageSize: 5 });
      const second = await list({ pageSize: 5, cursor: first.body.pagination.nextCursor });
      expect(second.status).toBe(200);
      expect(second.body.pagination).toEqual({
        page: null,
        pageSize: 5,
        total: null,
        totalPages: null,
        nextCursor: expect.any(String),
      });
    });

    it('a tampered cursor answers 400', async () => {
      const cursor: string = (await list({ pageSize: 5 })).body.pagination.nextCursor;
      const [payload, tag = ''] = cursor.split('.');
      const decoded = Buffer.from(payload, 'base64url').toString('utf8');
      const edited = Buffer.from(decoded.replace(/\d(?=[^\d]*$)/, (d) => String((Number(d) + 1) % 10))).toString(
        'base64url',
      );
      const tampered = [
        (cursor[0] === 'W' ? 'X' : 'W') + cursor.slice(1),
        cursor.slice(0, -3),
        `${cursor}AA`,
        tag ? `${edited}.${tag}` : edited,
        'garbage',
        '!!!',
        Buffer.from('{"sort":"-createdAt"}').toString('base64url'),
      ];
      for (const bad of tampered) {
        expect(bad).not.toBe(cursor);
        expectFieldError(await list({ pageSize: 5, cursor: bad }), 400, 'cursor');
      }
    });

    it('a cursor made for another sort, or a cursor with page, answers 400', async () => {
      const cursor: string = (await list({ pageSize: 5, sort: 'reference' })).body.pagination.nextCursor;
      expectEnvelope(await list({ pageSize: 5, sort: '-reference', cursor }), 400);
      expectEnvelope(await list({ pageSize: 5, sort: 'dueAt', cursor }), 400);
      expectEnvelope(await list({ pageSize: 5, sort: 'reference', page: 2, cursor }), 400);
    });
  });
});
