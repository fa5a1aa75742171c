import { scopesOfPlan } from '@wardline/auth';
import type { UserView } from '@wardline/accounts';
import type { KeyedUser } from '../support/fixtures';
import { parseCsvRecords } from '../support/csv';
import {
  type CaseBody,
  createCase,
  wardRef,
  expectEnvelope,
  getCase,
  ids,
  type NamedRef,
  type Params,
  patchCase,
  query,
  useCaseSuite,
  walkCursor,
  withoutTimeline,
} from './case-helpers';

interface Caseworker {
  user: UserView;
  key: string;
}

const sortedIds = (cases: { id: string }[]) => ids(cases).toSorted();

describe('Cases: a caseworker key sees and changes only its owner’s cases (contract §2)', () => {
  const suite = useCaseSuite();
  let admin: KeyedUser;
  let alice: Caseworker;
  let bob: Caseworker;
  let councillorKey: string;
  let north: NamedRef;
  let south: NamedRef;
  /**
   * Assigned to Alice: a1 (north), a2 (south), a3 (archived, no ward). These five never
   * change: tests that write use their own caseworkers and cases, so any order passes.
   */
  let a1: CaseBody;
  let a2: CaseBody;
  let a3: CaseBody;
  /** Assigned to Bob (north), and unassigned (north). */
  let b1: CaseBody;
  let u1: CaseBody;

  const as = (key: string) => ({
    get: (path: string) => suite.request('GET', path, { key }),
    list: async (params: Params = {}) => {
      const response = await suite.request('GET', `/api/cases${query({ pageSize: 100, ...params })}`, { key });
      expect(response.status).toBe(200);
      return response.body as { cases: CaseBody[]; pagination: { total: number } };
    },
  });

  const exportAs = (key: string, params: Params) => suite.request('GET', `/api/cases/export${query(params)}`, { key });

  /** GET /api/wards/export as `key`: ward id → caseCount. */
  const counts = async (key: string, format: 'csv' | 'json') => {
    const response = await suite.request('GET', `/api/wards/export?format=${format}`, { key });
    expect(response.status).toBe(200);
    const rows: { id: string; caseCount: number | string }[] =
      format === 'csv' ? parseCsvRecords(response.text).records : response.body;
    return Object.fromEntries(rows.map((row) => [row.id, Number(row.caseCount)]));
  };

  async function caseworker(name: string): Promise<Caseworker> {
    const user = await suite.fixtures.user(admin.tenant, 'caseworker', name);
    const { key } = await suite.fixtures.key(admin.tenant, user, scopesOfPlan('council'));
    return { user, key };
  }

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
    [alice, bob] = [await caseworker('Alice Caseworker'), await caseworker('Bob Caseworker')];
    const councillor = await suite.fixtures.user(admin.tenant, 'councillor', 'Cllr Carol');
    councillorKey = (await suite.fixtures.key(admin.tenant, councillor, scopesOfPlan('council'))).key;
    north = await wardRef(suite.request, admin.key, 'North');
    south = await wardRef(suite.request, admin.key, 'South');
    const create = (body: Record<string, unknown>) =>
      createCase(suite.request, admin.key, { residentName: 'Visible Resident', ...body });
    a1 = await create({ summary: 'Alice one', assigneeId: alice.user.id, wardId: north.id, priority: 'high' });
    a2 = await create({ summary: 'Alice two', assigneeId: alice.user.id, wardId: south.id });
    a3 = await create({ summary: 'Alice archived', assigneeId: alice.user.id });
    b1 = await create({ summary: 'Bob one', assigneeId: bob.user.id, wardId: north.id, priority: 'high' });
    u1 = await create({ summary: 'Nobody one', wardId: north.id });
    await patchCase(suite.request, admin.key, a3.id, { archived: true });
  });

  describe('list', () => {
    it('lists only the cases assigned to the caseworker, with a matching total', async () => {
      const page = await as(alice.key).list();
      expect(sortedIds(page.cases)).toEqual(sortedIds([a1, a2]));
      expect(page.pagination.total).toBe(2);
      expect(sortedIds((await as(bob.key).list()).cases)).toEqual([b1.id]);
    });

    it('archived=true lists only their archived cases', async () => {
      expect(ids((await as(alice.key).list({ archived: true })).cases)).toEqual([a3.id]);
      expect((await as(bob.key).list({ archived: true })).cases).toEqual([]);
    });

    it('filters cannot widen the view: assigneeId=<someone else>, wardId and priority stay within their cases', async () => {
      expect((await as(alice.key).list({ assigneeId: bob.user.id })).cases).toEqual([]);
      expect(ids((await as(alice.key).list({ wardId: north.id })).cases)).toEqual([a1.id]);
      expect(ids((await as(alice.key).list({ priority: 'high' })).cases)).toEqual([a1.id]);
    });

    it('cursor paging stays within their cases', async () => {
      expect(sortedIds(await walkCursor(suite.request, alice.key, { pageSize: 1 }))).toEqual(sortedIds([a1, a2]));
    });
  });

  describe('get', () => {
    it('reads an own case with its timeline', async () => {
      const response = await as(alice.key).get(`/api/cases/${a1.id}`);
      expect(response.status).toBe(200);
      expect(withoutTimeline(response.body)).toEqual(withoutTimeline(a1));
    });

    it("answers 404 for someone else's case and for an unassigned case", async () => {
      for (const kase of [b1, u1]) expectEnvelope(await as(alice.key).get(`/api/cases/${kase.id}`), 404);
      for (const kase of [a1, a2, a3, u1]) expectEnvelope(await as(bob.key).get(`/api/cases/${kase.id}`), 404);
    });
  });

  describe('update and notes', () => {
    it('PATCH of an own case works', async () => {
      const dana = await caseworker('Dana Caseworker');
      const own = await createCase(suite.request, admin.key, { summary: 'Dana one', assigneeId: dana.user.id });
      const response = await suite.request('PATCH', `/api/cases/${own.id}`, {
        key: dana.key,
        json: { description: 'Updated by Alice', status: 'in_progress' },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ description: 'Updated by Alice', status: 'in_progress' });
    });

    it("PATCH of someone else's or an unassigned case answers 404 and changes nothing", async () => {
      for (const kase of [b1, u1]) {
        const before = await getCase(suite.request, admin.key, kase.id);
        const response = await suite.request('PATCH', `/api/cases/${kase.id}`, {
          key: alice.key,
          json: { summary: 'Hijacked', status: 'closed', assigneeId: alice.user.id },
        });
        expectEnvelope(response, 404);
        expect(await getCase(suite.request, admin.key, kase.id)).toEqual(before);
      }
    });

    it('a note on an own case works', async () => {
      const dana = await caseworker('Dana Caseworker');
      const own = await createCase(suite.request, admin.key, { summary: 'Dana two', assigneeId: dana.user.id });
      const response = await suite.request('POST', `/api/cases/${own.id}/notes`, {
        key: dana.key,
        json: { body: 'Dana was here' },
      });
      expect(response.status).toBe(201);
      expect(response.body.timeline.at(-1)).toMatchObject({ type: 'note_added', data: { body: 'Dana was here' } });
    });

    it("a note on someone else's or an unassigned case answers 404 and adds nothing", async () => {
      for (const kase of [b1, u1]) {
        const before = await getCase(suite.request, admin.key, kase.id);
        const response = await suite.request('POST', `/api/cases/${kase.id}/notes`, {
          key: alice.key,
          json: { body: 'Planted', internal: false },
        });
        expectEnvelope(response, 404);
        expect(await getCase(suite.request, admin.key, kase.id)).toEqual(before);
      }
    });

    it('a caseworker who hands a case on may no longer read it', async () => {
      const [dana, erin] = [await caseworker('Dana Caseworker'), await caseworker('Erin Caseworker')];
      const kase = await createCase(suite.request, admin.key, { summary: 'Hand over', assigneeId: dana.user.id });
      const handed = await suite.request('PATCH', `/api/cases/${kase.id}`, {
        key: dana.key,
        json: { assigneeId: erin.user.id },
      });
      expect(handed.status).toBe(200);
      expect(handed.body.assignee).toMatchObject({ id: erin.user.id });
      expectEnvelope(await as(dana.key).get(`/api/cases/${kase.id}`), 404);
      expect((await as(erin.key).get(`/api/cases/${kase.id}`)).status).toBe(200);
    });
  });

  describe('create', () => {
    it('a case created by a caseworker key without assigneeId is assigned to the key’s owner', async () => {
      const dana = await caseworker('Dana Caseworker');
      const response = await suite.request<CaseBody>('POST', '/api/cases', {
        key: dana.key,
        json: { summary: 'Self-assigned' },
      });
      expect(response.status).toBe(201);
      expect(response.body.assignee).toEqual({ id: dana.user.id, name: 'Dana Caseworker', role: 'caseworker' });
      expect(response.body.timeline?.map((entry) => [entry.type, entry.data])).toEqual([
        ['created', expect.any(Object)],
        ['assigned', { from: null, to: { id: dana.user.id, name: 'Dana Caseworker' } }],
      ]);
      expect((await as(dana.key).get(`/api/cases/${response.body.id}`)).status).toBe(200);
      expect(ids((await as(dana.key).list()).cases)).toEqual([response.body.id]);
      expectEnvelope(await as(bob.key).get(`/api/cases/${response.body.id}`), 404);
    });

    it.each([
      ['another user', () => bob.user.id],
      ['no one (null)', () => null],
    ])(
      'a caseworker key creating a case assigned to %s is told (422) and creates nothing',
      async (_label, assignee) => {
        const dana = await caseworker('Dana Caseworker');
        const before = (await as(admin.key).list()).pagination.total;
        const response = await suite.request('POST', '/api/cases', {
          key: dana.key,
          json: { summary: 'For someone else', assigneeId: assignee() },
        });
        expect({ status: response.status, body: response.body }).toEqual({
          status: 422,
          body: {
            error: "A caseworker's key can only create cases assigned to its owner",
            details: {
              fields: {
                assigneeId: [
                  `a caseworker's key sees only the cases assigned to its owner: leave assigneeId out or set it to ${dana.user.id}`,
                ],
              },
            },
          },
        });
        expect((await as(admin.key).list()).pagination.total).toBe(before);
      },
    );

    it('a caseworker key may name its own owner as assignee', async () => {
      const dana = await caseworker('Dana Caseworker');
      const response = await suite.request<CaseBody>('POST', '/api/cases', {
        key: dana.key,
        json: { summary: 'Mine, said so', assigneeId: dana.user.id },
      });
      expect(response.status).toBe(201);
      expect(response.body.assignee).toMatchObject({ id: dana.user.id });
    });

    it('an admin key creating without assigneeId leaves the case unassigned', async () => {
      const kase = await createCase(suite.request, admin.key, { summary: 'Admin made' });
      expect(kase.assignee).toBeNull();
    });
  });

  describe('export', () => {
    it.each(['csv', 'json'])('format=%s exports only their cases', async (format) => {
      const response = await exportAs(bob.key, { format });
      expect(response.status).toBe(200);
      const exported: { id: string }[] =
        format === 'csv' ? parseCsvRecords(response.text).records.map((record) => ({ id: record.id })) : response.body;
      expect(sortedIds(exported)).toEqual(sortedIds((await as(bob.key).list()).cases));
      expect(ids(exported)).toContain(b1.id);
      expect(ids(exported)).not.toContain(u1.id);
    });

    it('filters on the export stay within their cases (archived, wardId)', async () => {
      expect(ids((await exportAs(alice.key, { format: 'json', archived: true })).body)).toEqual([a3.id]);
      expect(ids((await exportAs(alice.key, { format: 'json', wardId: north.id })).body)).toEqual([a1.id]);
      expect((await exportAs(alice.key, { format: 'json', assigneeId: bob.user.id })).body).toEqual([]);
    });
  });

  describe('search', () => {
    it('finds only their cases', async () => {
      const found = await as(alice.key).list({ search: 'Visible Resident' });
      expect(sortedIds(found.cases)).toEqual(sortedIds([a1, a2]));
      expect(found.pagination.total).toBe(2);
      expect((await as(alice.key).list({ search: 'Bob' })).cases).toEqual([]);
      expect(ids((await as(admin.key).list({ search: 'Bob' })).cases)).toEqual([b1.id]);
    });
  });

  describe('ward export caseCount', () => {
    it.each(['json', 'csv'] as const)('counts only the caseworker’s cases (%s)', async (format) => {
      expect(await counts(alice.key, format)).toEqual({ [north.id]: 1, [south.id]: 1 });
      expect(await counts(bob.key, format)).toEqual({ [north.id]: 1, [south.id]: 0 });
      expect(await counts(admin.key, format)).toEqual({ [north.id]: 3, [south.id]: 1 });
    });
  });

  describe('keys owned by other roles see every case', () => {
    it.each(['admin', 'councillor'])('%s: list, get, export and search', async (role) => {
      const key = role === 'admin' ? admin.key : councillorKey;
      const everyone = sortedIds([a1, a2, b1, u1]);
      const listed = ids((await as(key).list()).cases);
      expect(listed).toEqual(expect.arrayContaining(everyone));
      for (const kase of [a1, b1, u1]) expect((await as(key).get(`/api/cases/${kase.id}`)).status).toBe(200);
      expect(ids((await as(key).list({ archived: true })).cases)).toEqual([a3.id]);
      const exported = await suite.request('GET', '/api/cases/export?format=json', { key });
      expect(sortedIds(exported.body)).toEqual(listed.toSorted());
      expect(sortedIds((await as(key).list({ search: 'Visible Resident' })).cases)).toEqual(everyone);
    });
  });
});
