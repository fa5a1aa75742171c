import { randomUUID } from 'node:crypto';
import type { KeyedUser } from '../support/fixtures';
import type { UserView } from '@wardline/accounts';
import {
  CASE_DETAIL_FIELDS,
  CASE_FIELDS,
  type CaseBody,
  createCase,
  categoryRef,
  wardRef,
  DAY_MS,
  expectEnvelope,
  expectVersionConflict,
  expectFieldError,
  getCase,
  ISO_MS,
  keyIdentity,
  listCases,
  type NamedRef,
  patchCase,
  type TimelineEntry,
  useCaseSuite,
  UUID,
  withoutTimeline,
} from './case-helpers';

const REFERENCE = /^CW-\d{4}-\d{4,}$/;

/** dueAt is `days` after createdAt (createdAt is the database's transaction time, dueAt the service's clock). */
function expectDays(kase: CaseBody, days: number): void {
  const actual = (Date.parse(kase.dueAt) - Date.parse(kase.createdAt)) / DAY_MS;
  expect(Math.abs(actual - days) * DAY_MS).toBeLessThan(5_000);
}

describe('Cases: create, read, update and notes (contract §4)', () => {
  const suite = useCaseSuite();
  let admin: KeyedUser;
  let ward: NamedRef;
  let category: NamedRef;
  let assignee: UserView;

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
    ward = await wardRef(suite.request, admin.key, 'Riverside');
    category = await categoryRef(suite.request, admin.key, 'Highways');
    assignee = await suite.fixtures.user(admin.tenant, 'caseworker', 'Casey Assigned');
  });

  const create = (body: Record<string, unknown>) => createCase(suite.request, admin.key, body);
  const post = (body: unknown) => suite.request('POST', '/api/cases', { key: admin.key, json: body });
  const patch = (id: string, body: unknown, headers?: Record<string, string>) =>
    suite.request('PATCH', `/api/cases/${id}`, { key: admin.key, json: body, headers });
  const total = async () => (await listCases(suite.request, admin.key, { pageSize: 1 })).body.pagination.total;

  describe('create and read', () => {
    it('POST with every writable field: 201, ETag W/"1", every contract field with the given values', async () => {
      const dueAt = new Date(Date.now() + 10 * DAY_MS).toISOString();
      const input = {
        summary: 'Pothole outside 14 Mill Lane',
        description: 'Deep enough to damage tyres',
        priority: 'high',
        sourceChannel: 'email',
        internalRef: 'HW/2026/001',
        residentName: 'Jane Doe',
        residentEmail: 'jane.doe@example.com',
        residentPhone: '+44 20 7946 0000',
        residentAddress: '14 Mill Lane, Riverside',
        residentPostcode: 'SW1A 1AA',
        highlightedForPublic: true,
        publicSummary: 'Road repair requested',
        publicThemes: ['roads', 'safety'],
        tags: ['pothole', 'urgent-repair'],
        wardId: ward.id,
        categoryId: category.id,
        assigneeId: assignee.id,
        dueAt,
      };
      const response = await suite.request<CaseBody>('POST', '/api/cases', { key: admin.key, json: input });

      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(Object.keys(response.body).toSorted()).toEqual(CASE_DETAIL_FIELDS);
      const { wardId: _w, categoryId: _c, assigneeId: _a, ...fields } = input;
      expect(response.body).toEqual({
        ...fields,
        id: expect.stringMatching(UUID),
        reference: expect.stringMatching(REFERENCE),
        status: 'open',
        archived: false,
        ward: { id: ward.id, name: 'Riverside' },
        category: { id: category.id, name: 'Highways' },
        assignee: { id: assignee.id, name: 'Casey Assigned', role: 'caseworker' },
        firstResponseAt: null,
        resolvedAt: null,
        closedAt: null,
        version: 1,
        createdAt: expect.stringMatching(ISO_MS),
        updatedAt: expect.stringMatching(ISO_MS),
        timeline: expect.any(Array),
        timelineTruncated: false,
      });
      expect(response.body.updatedAt).toBe(response.body.createdAt);
      expect(response.body.timeline?.map((entry) => entry.type)).toEqual(['created', 'assigned']);
    });

    it('POST with only a summary fills the defaults and nulls', async () => {
      const kase = await create({ summary: 'Minimal case' });
      expect(kase).toEqual({
        id: expect.stringMatching(UUID),
        reference: expect.stringMatching(REFERENCE),
        internalRef: null,
        status: 'open',
        priority: 'normal',
        summary: 'Minimal case',
        description: null,
        residentName: null,
        residentEmail: null,
        residentPhone: null,
        residentAddress: null,
        residentPostcode: null,
        sourceChannel: 'api',
        archived: false,
        highlightedForPublic: false,
        publicSummary: null,
        publicThemes: [],
        tags: [],
        ward: null,
        category: null,
        assignee: null,
        dueAt: expect.stringMatching(ISO_MS),
        firstResponseAt: null,
        resolvedAt: null,
        closedAt: null,
        version: 1,
        createdAt: expect.stringMatching(ISO_MS),
        updatedAt: expect.stringMatching(ISO_MS),
        timeline: [expect.objectContaining({ type: 'created' })],
        timelineTruncated: false,
      });
    });

    it('GET /api/cases/:id returns the created case with its ETag; the list item is the same without timeline', async () => {
      const created = await create({ summary: 'Read me back', wardId: ward.id, tags: ['a'] });
      const read = await suite.request<CaseBody>('GET', `/api/cases/${created.id}`, { key: admin.key });
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('W/"1"');
      expect(Object.keys(read.body).toSorted()).toEqual(CASE_DETAIL_FIELDS);
      expect(read.body).toEqual(created);

      const listed = (await listCases(suite.request, admin.key, { pageSize: 100 })).body.cases.find(
        (kase: CaseBody) => kase.id === created.id,
      );
      expect(Object.keys(listed).toSorted()).toEqual(CASE_FIELDS);
      expect(listed).toEqual(withoutTimeline(created));
    });

    it('an unknown id or a non-UUID id answers 404 on GET, PATCH and notes', async () => {
      for (const id of [randomUUID(), 'not-a-uuid', '12345']) {
        expectEnvelope(await suite.request('GET', `/api/cases/${id}`, { key: admin.key }), 404);
        expectEnvelope(await patch(id, { summary: 'x' }), 404);
        expectEnvelope(
          await suite.request('POST', `/api/cases/${id}/notes`, { key: admin.key, json: { body: 'x' } }),
          404,
        );
      }
    });
  });

  describe('dueAt defaults', () => {
    it("from the category's slaDays (5 days)", async () => {
      const fiveDays = await categoryRef(suite.request, admin.key, 'Five day SLA', 5);
      expectDays(await create({ summary: 'SLA from category', categoryId: fiveDays.id }), 5);
    });

    it("else the tenant's default_sla_days (20 unless changed)", async () => {
      expectDays(await create({ summary: 'No category' }), 20);
      expectDays(await create({ summary: 'Category without SLA', categoryId: category.id }), 20);
    });

    it("follows a change of the tenant's default_sla_days", async () => {
      const other = await suite.fixtures.keyedUser('council', 'admin');
      await suite.fixtures.owner.query('UPDATE tenants SET default_sla_days = 7 WHERE id = $1', [other.tenant.id]);
      expectDays(await createCase(suite.request, other.key, { summary: 'Seven days' }), 7);
      const threeDays = await categoryRef(suite.request, other.key, 'Three', 3);
      expectDays(await createCase(suite.request, other.key, { summary: 'Three', categoryId: threeDays.id }), 3);
    });

    it('an explicit future dueAt wins over both', async () => {
      const fiveDays = await categoryRef(suite.request, admin.key, 'Five again', 5);
      const dueAt = new Date(Date.now() + 42 * DAY_MS).toISOString();
      const kase = await create({ summary: 'Explicit due date', categoryId: fiveDays.id, dueAt });
      expect(kase.dueAt).toBe(dueAt);
    });
  });

  describe('update', () => {
    it('PATCH changes only the given fields, bumps version and ETag, and persists', async () => {
      const created = await create({
        summary: 'Before',
        description: 'Keep me',
        priority: 'low',
        residentName: 'Sam',
        tags: ['x'],
      });
      const response = await patch(created.id, { summary: 'After', priority: 'urgent', tags: ['y', 'z'] });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('W/"2"');
      expect(Object.keys(response.body).toSorted()).toEqual(CASE_DETAIL_FIELDS);
      expect(withoutTimeline(response.body)).toEqual({
        ...withoutTimeline(created),
        summary: 'After',
        priority: 'urgent',
        tags: ['y', 'z'],
        version: 2,
        updatedAt: expect.stringMatching(ISO_MS),
      });
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));

      const reread = await suite.request<CaseBody>('GET', `/api/cases/${created.id}`, { key: admin.key });
      expect(reread.headers.get('etag')).toBe('W/"2"');
      expect(reread.body).toEqual(response.body);
    });

    it('PATCH sets and clears ward, category, assignee and nullable text', async () => {
      const created = await create({ summary: 'Links', description: 'text' });
      const linked = await patchCase(suite.request, admin.key, created.id, {
        wardId: ward.id,
        categoryId: category.id,
        assigneeId: assignee.id,
      });
      expect(linked).toMatchObject({
        ward: { id: ward.id, name: 'Riverside' },
        category: { id: category.id, name: 'Highways' },
        assignee: { id: assignee.id, name: 'Casey Assigned', role: 'caseworker' },
      });
      const cleared = await patchCase(suite.request, admin.key, created.id, {
        wardId: null,
        categoryId: null,
        assigneeId: null,
        description: null,
      });
      expect(cleared).toMatchObject({ ward: null, category: null, assignee: null, description: null });
    });

    it('PATCH with a matching If-Match succeeds and answers the next ETag', async () => {
      const created = await create({ summary: 'If-Match ok' });
      const response = await patch(created.id, { summary: 'Changed' }, { 'If-Match': 'W/"1"' });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('W/"2"');
      const strong = await patch(created.id, { summary: 'Changed again' }, { 'If-Match': '"2"' });
      expect(strong.status).toBe(200);
      expect(strong.headers.get('etag')).toBe('W/"3"');
    });

    it('PATCH with a stale If-Match answers 409 and changes nothing (fields, status, timeline)', async () => {
      const created = await create({ summary: 'Stale' });
      const first = await patch(created.id, { description: 'first writer' }, { 'If-Match': 'W/"1"' });
      expect(first.status).toBe(200);

      const stale = await patch(
        created.id,
        { summary: 'second writer', status: 'in_progress', assigneeId: assignee.id },
        { 'If-Match': 'W/"1"' },
      );
      expectVersionConflict(stale, 2);

      const reread = await suite.request<CaseBody>('GET', `/api/cases/${created.id}`, { key: admin.key });
      expect(reread.headers.get('etag')).toBe('W/"2"');
      expect(reread.body).toEqual(first.body);
      expect(reread.body).toMatchObject({ summary: 'Stale', status: 'open', assignee: null, version: 2 });
    });

    it('a malformed If-Match answers 400 and changes nothing', async () => {
      const created = await create({ summary: 'Malformed If-Match' });
      for (const header of ['version one', 'W/1', '"abc"', 'W/"-1"']) {
        expectEnvelope(await patch(created.id, { summary: 'nope' }, { 'If-Match': header }), 400);
      }
      expect(await getCase(suite.request, admin.key, created.id)).toEqual(created);
    });
  });

  describe('notes', () => {
    it('POST /notes: 201, the case with its timeline and ETag; internal defaults to true', async () => {
      const created = await create({ summary: 'Noted' });
      const response = await suite.request<CaseBody>('POST', `/api/cases/${created.id}/notes`, {
        key: admin.key,
        json: { body: 'Called the resident back', internal: false },
      });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).toSorted()).toEqual(CASE_DETAIL_FIELDS);
      expect(response.headers.get('etag')).toBe(`W/"${response.body.version}"`);
      expect(response.body.timeline?.at(-1)).toMatchObject({
        type: 'note_added',
        data: { body: 'Called the resident back', internal: false },
      });

      const second = await suite.request<CaseBody>('POST', `/api/cases/${created.id}/notes`, {
        key: admin.key,
        json: { body: 'Staff only' },
      });
      expect(second.status).toBe(201);
      expect(second.body.timeline?.at(-1)?.data).toEqual({ body: 'Staff only', internal: true });

      const reread = await suite.request<CaseBody>('GET', `/api/cases/${created.id}`, { key: admin.key });
      expect(reread.headers.get('etag')).toBe(`W/"${reread.body.version}"`);
      expect(reread.body.timeline?.map((entry) => entry.type)).toEqual(['created', 'note_added', 'note_added']);
    });

    it('a note without body, with a wrong type or an unknown field answers 400 and adds nothing', async () => {
      const created = await create({ summary: 'Bad notes' });
      const note = (json: unknown) => suite.request('POST', `/api/cases/${created.id}/notes`, { key: admin.key, json });
      expectFieldError(await note({}), 400, 'body');
      expectFieldError(await note({ body: '   ' }), 400, 'body');
      expectFieldError(await note({ body: 42 }), 400, 'body');
      expectFieldError(await note({ body: 'x', internal: 'yes' }), 400, 'internal');
      expectFieldError(await note({ body: 'x', pinned: true }), 400, 'pinned');
      expect((await getCase(suite.request, admin.key, created.id)).timeline).toHaveLength(1);
    });
  });

  describe('timeline', () => {
    it('records created, status_changed, assigned, note_added and updated in order, each with the key as actor', async () => {
      const identity = await keyIdentity(suite.request, admin.key);
      const created = await create({ summary: 'Timeline', priority: 'low' });
      await patchCase(suite.request, admin.key, created.id, { status: 'in_progress' });
      await patchCase(suite.request, admin.key, created.id, { assigneeId: assignee.id });
      await suite.request('POST', `/api/cases/${created.id}/notes`, {
        key: admin.key,
        json: { body: 'Spoke to highways', internal: true },
      });
      await patchCase(suite.request, admin.key, created.id, { summary: 'Timeline (renamed)', priority: 'high' });

      const { timeline = [] } = await getCase(suite.request, admin.key, created.id);
      const actor = {
        type: 'api_key',
        id: admin.keyId,
        name: identity.name,
        owner: { id: admin.owner.id, name: admin.owner.name },
      };
      expect(identity.id).toBe(admin.keyId);
      expect(timeline).toEqual([
        {
          id: expect.stringMatching(UUID),
          type: 'created',
          at: expect.stringMatching(ISO_MS),
          actor,
          data: expect.any(Object),
        },
        {
          id: expect.stringMatching(UUID),
          type: 'status_changed',
          at: expect.stringMatching(ISO_MS),
          actor,
          data: { from: 'open', to: 'in_progress' },
        },
        {
          id: expect.stringMatching(UUID),
          type: 'assigned',
          at: expect.stringMatching(ISO_MS),
          actor,
          data: { from: null, to: { id: assignee.id, name: assignee.name } },
        },
        {
          id: expect.stringMatching(UUID),
          type: 'note_added',
          at: expect.stringMatching(ISO_MS),
          actor,
          data: { body: 'Spoke to highways', internal: true },
        },
        {
          id: expect.stringMatching(UUID),
          type: 'updated',
          at: expect.stringMatching(ISO_MS),
          actor,
          data: {
            changes: {
              summary: { from: 'Timeline', to: 'Timeline (renamed)' },
              priority: { from: 'low', to: 'high' },
            },
          },
        },
      ]);
      const times = timeline.map((entry: TimelineEntry) => Date.parse(entry.at));
      expect(times).toEqual(times.toSorted((a, b) => a - b));
    });

    it('an update of ward and dueAt records {from, to} for each field', async () => {
      const created = await create({ summary: 'Field changes' });
      const dueAt = new Date(Date.now() + 3 * DAY_MS).toISOString();
      await patchCase(suite.request, admin.key, created.id, { wardId: ward.id, dueAt });
      const entry = (await getCase(suite.request, admin.key, created.id)).timeline?.at(-1);
      expect(entry).toMatchObject({
        type: 'updated',
        data: { changes: { wardId: { from: null, to: ward.id }, dueAt: { from: created.dueAt, to: dueAt } } },
      });
    });

    it('entries written by one request keep their order (create with assignee; PATCH of status, assignee and summary)', async () => {
      // Entries of one request are often written within the same millisecond: repeat so a
      // tie broken at random shows up.
      const misordered: string[][] = [];
      for (let run = 0; run < 50; run++) {
        const created = await create({ summary: 'Order on create', assigneeId: assignee.id });
        await patchCase(suite.request, admin.key, created.id, {
          status: 'in_progress',
          assigneeId: null,
          summary: 'Order on update',
        });
        const types = ((await getCase(suite.request, admin.key, created.id)).timeline ?? []).map((entry) => entry.type);
        const expected = ['created', 'assigned', 'status_changed', 'assigned', 'updated'];
        if (types.join() !== expected.join()) misordered.push(types);
      }
      expect(misordered).toEqual([]);
    });
  });

  describe('400 vs 422', () => {
    it('wrong types answer 400 naming the field, and create nothing', async () => {
      const before = await total();
      const cases: [string, unknown][] = [
        ['summary', 5],
        ['description', 42],
        ['tags', 'pothole'],
        ['tags', [1, 2]],
        ['publicThemes', 'roads'],
        ['highlightedForPublic', 'yes'],
        ['residentName', { first: 'Jane' }],
        ['residentEmail', 'not-an-email'],
        ['dueAt', 12345],
        ['dueAt', 'next tuesday'],
      ];
      for (const [field, value] of cases) {
        expectFieldError(await post({ summary: 'Typed', [field]: value }), 400, field);
      }
      expect(await total()).toBe(before);
    });

    it('a missing or blank summary answers 400', async () => {
      expectFieldError(await post({ description: 'No summary' }), 400, 'summary');
      expectFieldError(await post({ summary: '   ' }), 400, 'summary');
      expectFieldError(await post({ summary: null }), 400, 'summary');
    });

    it('an unknown field answers 400 on POST and PATCH', async () => {
      expectFieldError(await post({ summary: 'Unknown', colour: 'green' }), 400, 'colour');
      const created = await create({ summary: 'Patch unknown' });
      expectFieldError(await patch(created.id, { reference: 'CW-1999-0001' }), 400, 'reference');
      expectFieldError(await patch(created.id, { tenantId: randomUUID() }), 400, 'tenantId');
      expect(await getCase(suite.request, admin.key, created.id)).toEqual(created);
    });

    it('a malformed uuid in wardId, categoryId or assigneeId answers 400', async () => {
      for (const field of ['wardId', 'categoryId', 'assigneeId']) {
        expectFieldError(await post({ summary: 'Bad uuid', [field]: 'not-a-uuid' }), 400, field);
      }
    });

    it('enum violations in the body answer 422 (priority, sourceChannel on POST; status, priority on PATCH)', async () => {
      expectFieldError(await post({ summary: 'Enum', priority: 'critical' }), 422, 'priority');
      expectFieldError(await post({ summary: 'Enum', sourceChannel: 'fax' }), 422, 'sourceChannel');
      const created = await create({ summary: 'Enum patch' });
      expectFieldError(await patch(created.id, { status: 'bogus' }), 422, 'status');
      expectFieldError(await patch(created.id, { priority: 'HIGH' }), 422, 'priority');
      expect(await getCase(suite.request, admin.key, created.id)).toEqual(created);
    });

    it('a dueAt in the past answers 422 on POST and PATCH', async () => {
      const past = new Date(Date.now() - DAY_MS).toISOString();
      expectFieldError(await post({ summary: 'Past', dueAt: past }), 422, 'dueAt');
      const created = await create({ summary: 'Past patch' });
      expectFieldError(await patch(created.id, { dueAt: past }), 422, 'dueAt');
      expect(await getCase(suite.request, admin.key, created.id)).toEqual(created);
    });

    describe('unknown wardId, categoryId or assigneeId answers 422 and creates or changes nothing', () => {
      let other: KeyedUser;
      let foreign: { wardId: string; categoryId: string; userId: string };
      let disabled: UserView;

      beforeAll(async () => {
        other = await suite.fixtures.keyedUser('council', 'admin');
        foreign = {
          wardId: (await wardRef(suite.request, other.key, 'Foreign ward')).id,
          categoryId: (await categoryRef(suite.request, other.key, 'Foreign category')).id,
          userId: other.owner.id,
        };
        disabled = await suite.fixtures.user(admin.tenant, 'caseworker', 'Disabled Dee');
        await suite.fixtures.disableUser(disabled.id);
      });

      const unknowns = (): [string, string, string][] => [
        ['random wardId', 'wardId', randomUUID()],
        ['random categoryId', 'categoryId', randomUUID()],
        ['random assigneeId', 'assigneeId', randomUUID()],
        ["another tenant's wardId", 'wardId', foreign.wardId],
        ["another tenant's categoryId", 'categoryId', foreign.categoryId],
        ["another tenant's user as assigneeId", 'assigneeId', foreign.userId],
        ['a disabled user as assigneeId', 'assigneeId', disabled.id],
      ];

      it('on POST', async () => {
        const before = await total();
        for (const [, field, value] of unknowns()) {
          expectFieldError(await post({ summary: 'Unknown reference', [field]: value }), 422, field);
        }
        expect(await total()).toBe(before);
      });

      it('on PATCH', async () => {
        const created = await create({ summary: 'Unknown reference on patch' });
        for (const [, field, value] of unknowns()) {
          expectFieldError(await patch(created.id, { summary: 'changed', [field]: value }), 422, field);
        }
        expect(await getCase(suite.request, admin.key, created.id)).toEqual(created);
      });
    });
  });
});
