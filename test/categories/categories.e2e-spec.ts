import { randomUUID } from 'node:crypto';
import { Fixtures, type KeyedUser, uniqueSuffix } from '../support/fixtures';
import { type ApiResponse, type HttpClient } from '../support/http';

import { expectEnvelope, expectFieldError, expectVersionConflict } from '../support/expectations';
import { decodeCursor, taggedCursor, untaggedCursor } from '../support/cursors';
import { createCategory } from '../support/resources';
import { useApiSuite } from '../support/suite';
import { compare, ISO_MS, label, type Params, query, UUID } from '../support/values';

const CATEGORY_FIELDS = [
  'createdAt',
  'description',
  'enabled',
  'id',
  'name',
  'parentId',
  'slaDays',
  'slug',
  'updatedAt',
];

interface Category {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  parentId: string | null;
  slaDays: number | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

describe('Categories (contract §4)', () => {
  const suite = useApiSuite({ RATE_LIMIT_PER_MINUTE: '1000000' });
  let fixtures: Fixtures;
  let request: HttpClient;

  beforeAll(async () => {
    ({ fixtures, request } = suite);
  });

  const read = (key: string, id: string) => request<Category>('GET', `/api/categories/${id}`, { key });
  const patch = (key: string, id: string, json: unknown, headers?: Record<string, string>) =>
    request<Category>('PATCH', `/api/categories/${id}`, { key, json, headers });

  describe('create, read and update', () => {
    let admin: KeyedUser;
    let other: KeyedUser;
    let foreign: Category;

    beforeAll(async () => {
      [admin, other] = await Promise.all([
        fixtures.keyedUser('council', 'admin'),
        fixtures.keyedUser('council', 'admin'),
      ]);
      foreign = await createCategory(request, other.key, { name: label('Foreign') });
    });

    it('POST creates a category: 201, every contract field, slug derived from the name, ETag W/"1"', async () => {
      const response = await request<Category>('POST', '/api/categories', {
        key: admin.key,
        json: { name: 'Highways & Potholes', description: 'Roads and pavements', slaDays: 10, enabled: true },
      });

      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(Object.keys(response.body).toSorted()).toEqual(CATEGORY_FIELDS);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        name: 'Highways & Potholes',
        slug: 'highways-and-potholes',
        description: 'Roads and pavements',
        parentId: null,
        slaDays: 10,
        enabled: true,
        createdAt: expect.stringMatching(ISO_MS),
        updatedAt: expect.stringMatching(ISO_MS),
      });
      expect(response.body.updatedAt).toBe(response.body.createdAt);
    });

    it('POST with only a name: description, parentId and slaDays null, enabled true', async () => {
      const name = label('Minimal');
      const category = await createCategory(request, admin.key, { name });
      expect(category).toEqual({
        id: expect.stringMatching(UUID),
        name,
        slug: name.toLowerCase().replace(' ', '-'),
        description: null,
        parentId: null,
        slaDays: null,
        enabled: true,
        createdAt: expect.stringMatching(ISO_MS),
        updatedAt: expect.stringMatching(ISO_MS),
      });
    });

    it('derives slugs by dropping accents and collapsing punctuation', async () => {
      const suffix = uniqueSuffix();
      const category = await createCategory(request, admin.key, { name: `  Éclairage -- Public!! ${suffix} ` });
      expect(category.slug).toBe(`eclairage-public-${suffix}`);
    });

    it('an explicit slug is kept as given', async () => {
      const slug = `waste-${uniqueSuffix()}`;
      const category = await createCategory(request, admin.key, { name: 'Bins and recycling', slug });
      expect(category.slug).toBe(slug);
    });

    it('GET /api/categories/:id returns the same resource with its ETag', async () => {
      const created = await createCategory(request, admin.key, { name: label('Parks'), slaDays: 5 });
      const response = await read(admin.key, created.id);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(response.body).toEqual(created);
    });

    it('a duplicate slug answers 409, whether given or derived from the name', async () => {
      const slug = `noise-${uniqueSuffix()}`;
      await createCategory(request, admin.key, { name: 'Noise', slug });
      const given = await request('POST', '/api/categories', { key: admin.key, json: { name: 'Other noise', slug } });
      expectEnvelope(given, 409);

      const name = label('Street Lighting');
      await createCategory(request, admin.key, { name });
      const derived = await request('POST', '/api/categories', {
        key: admin.key,
        json: { name: `${name.toUpperCase()}!` },
      });
      expectEnvelope(derived, 409);
    });

    it('the same slug is fine in another tenant', async () => {
      const created = await createCategory(request, admin.key, { name: 'Tenant-local', slug: foreign.slug });
      expect(created.slug).toBe(foreign.slug);
    });

    it('a slug that is not lowercase letters, digits and single dashes answers 400 naming slug', async () => {
      for (const slug of [
        'Bad Slug',
        'UPPER',
        'a--b',
        '-leading',
        'trailing-',
        'under_score',
        'é',
        '',
        'x'.repeat(65),
      ]) {
        const response = await request('POST', '/api/categories', {
          key: admin.key,
          json: { name: 'Slug test', slug },
        });
        expectFieldError(response, 400, 'slug');
      }
    });

    it('a name from which no slug can be made, without a slug, answers 400 naming slug', async () => {
      const response = await request('POST', '/api/categories', { key: admin.key, json: { name: '!!! ???' } });
      expectFieldError(response, 400, 'slug');
    });

    it('wrong types, missing name and unknown fields answer 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ name: 5 }, 'name'],
        [{}, 'name'],
        [{ name: '  ' }, 'name'],
        [{ name: 'x', slug: 7 }, 'slug'],
        [{ name: 'x', description: 7 }, 'description'],
        [{ name: 'x', enabled: 'true' }, 'enabled'],
        [{ name: 'x', slaDays: '10' }, 'slaDays'],
        [{ name: 'x', parentId: 42 }, 'parentId'],
        [{ name: 'x', colour: 'red' }, 'colour'],
      ];
      for (const [json, field] of cases) {
        expectFieldError(await request('POST', '/api/categories', { key: admin.key, json }), 400, field);
      }
    });

    it('slaDays must be a whole number from 1 to 365: 0, 400, -1 and 1.5 answer 400', async () => {
      for (const slaDays of [0, 400, 366, -1, 1.5]) {
        const response = await request('POST', '/api/categories', {
          key: admin.key,
          json: { name: label('SLA'), slaDays },
        });
        expectFieldError(response, 400, 'slaDays');
      }
      expect((await createCategory(request, admin.key, { name: label('SLA min'), slaDays: 1 })).slaDays).toBe(1);
      expect((await createCategory(request, admin.key, { name: label('SLA max'), slaDays: 365 })).slaDays).toBe(365);
    });

    it('parentId of a category in this tenant is accepted', async () => {
      const parent = await createCategory(request, admin.key, { name: label('Environment') });
      const child = await createCategory(request, admin.key, { name: label('Fly-tipping'), parentId: parent.id });
      expect(child.parentId).toBe(parent.id);
      expect((await read(admin.key, child.id)).body.parentId).toBe(parent.id);
    });

    it('an unknown parentId answers 422; a non-UUID parentId answers 400', async () => {
      const unknown = await request('POST', '/api/categories', {
        key: admin.key,
        json: { name: label('Orphan'), parentId: randomUUID() },
      });
      expectFieldError(unknown, 422, 'parentId');

      const malformed = await request('POST', '/api/categories', {
        key: admin.key,
        json: { name: label('Orphan'), parentId: 'not-a-uuid' },
      });
      expectFieldError(malformed, 400, 'parentId');
    });

    it("parentId of another tenant's category answers 422 exactly like an unknown id (reveals nothing)", async () => {
      const name = label('Poacher');
      const foreignParent = await request('POST', '/api/categories', {
        key: admin.key,
        json: { name, parentId: foreign.id },
      });
      const unknownParent = await request('POST', '/api/categories', {
        key: admin.key,
        json: { name, parentId: randomUUID() },
      });
      expectFieldError(foreignParent, 422, 'parentId');
      expect(foreignParent.body).toEqual(unknownParent.body);
      expect(foreignParent.text).not.toContain(foreign.id);
      expect(foreignParent.text).not.toContain(foreign.name);

      const mine = await createCategory(request, admin.key, { name: label('Mine') });
      const patched = await patch(admin.key, mine.id, { parentId: foreign.id });
      expectFieldError(patched, 422, 'parentId');
      expect((await read(admin.key, mine.id)).body.parentId).toBeNull();
    });

    it('PATCH changes only the given fields, bumps the ETag and persists', async () => {
      const parent = await createCategory(request, admin.key, { name: label('Housing') });
      const created = await createCategory(request, admin.key, {
        name: label('Damp and mould'),
        description: 'Old description',
        parentId: parent.id,
        slaDays: 14,
      });

      const response = await patch(admin.key, created.id, { slaDays: 7 });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('W/"2"');
      expect(response.body).toEqual({ ...created, slaDays: 7, updatedAt: expect.stringMatching(ISO_MS) });
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

      const reread = await read(admin.key, created.id);
      expect(reread.headers.get('etag')).toBe('W/"2"');
      expect(reread.body).toEqual(response.body);
    });

    it('PATCH of name does not change the slug; PATCH of slug does', async () => {
      const created = await createCategory(request, admin.key, { name: label('Graffiti') });
      const renamed = await patch(admin.key, created.id, { name: label('Vandalism') });
      expect(renamed.body.slug).toBe(created.slug);
      const slug = `vandalism-${uniqueSuffix()}`;
      const reslugged = await patch(admin.key, created.id, { slug });
      expect(reslugged.status).toBe(200);
      expect(reslugged.body.slug).toBe(slug);
    });

    it('PATCH can clear nullable fields (description, parentId, slaDays) with null', async () => {
      const parent = await createCategory(request, admin.key, { name: label('Transport') });
      const created = await createCategory(request, admin.key, {
        name: label('Buses'),
        description: 'x',
        parentId: parent.id,
        slaDays: 3,
      });
      const response = await patch(admin.key, created.id, { description: null, parentId: null, slaDays: null });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ description: null, parentId: null, slaDays: null, name: created.name });
    });

    it('PATCH to a slug already used in the tenant answers 409 and changes nothing', async () => {
      const taken = await createCategory(request, admin.key, { name: label('Taken') });
      const mine = await createCategory(request, admin.key, { name: label('Mine') });
      expectEnvelope(await patch(admin.key, mine.id, { slug: taken.slug }), 409);
      const reread = await read(admin.key, mine.id);
      expect(reread.body.slug).toBe(mine.slug);
      expect(reread.headers.get('etag')).toBe('W/"1"');
    });

    it('PATCH making a category its own parent answers 422 and changes nothing', async () => {
      const created = await createCategory(request, admin.key, { name: label('Selfish') });
      const response = await patch(admin.key, created.id, { parentId: created.id });
      expectFieldError(response, 422, 'parentId');
      const reread = await read(admin.key, created.id);
      expect(reread.body.parentId).toBeNull();
      expect(reread.headers.get('etag')).toBe('W/"1"');
    });

    it('PATCH closing a longer loop (a parent under its own child or grandchild) answers 422', async () => {
      const top = await createCategory(request, admin.key, { name: label('Top') });
      const middle = await createCategory(request, admin.key, { name: label('Middle'), parentId: top.id });
      const bottom = await createCategory(request, admin.key, { name: label('Bottom'), parentId: middle.id });
      for (const below of [middle, bottom]) {
        expectFieldError(await patch(admin.key, top.id, { parentId: below.id }), 422, 'parentId');
      }
      const reread = await read(admin.key, top.id);
      expect(reread.body.parentId).toBeNull();
      expect(reread.headers.get('etag')).toBe('W/"1"');
      const sideways = await createCategory(request, admin.key, { name: label('Sideways') });
      expect((await patch(admin.key, bottom.id, { parentId: sideways.id })).status).toBe(200);
    });

    it('PATCH with an unknown parentId answers 422', async () => {
      const created = await createCategory(request, admin.key, { name: label('Lonely') });
      expectFieldError(await patch(admin.key, created.id, { parentId: randomUUID() }), 422, 'parentId');
    });

    it('PATCH with slaDays 0 or 400 answers 400', async () => {
      const created = await createCategory(request, admin.key, { name: label('SLA patch') });
      expectFieldError(await patch(admin.key, created.id, { slaDays: 0 }), 400, 'slaDays');
      expectFieldError(await patch(admin.key, created.id, { slaDays: 400 }), 400, 'slaDays');
    });

    it('PATCH name: null, slug: null or enabled: null answers 400 (not nullable) and changes nothing', async () => {
      const created = await createCategory(request, admin.key, { name: label('Nulls') });
      for (const field of ['name', 'slug', 'enabled']) {
        expectFieldError(await patch(admin.key, created.id, { [field]: null }), 400, field);
      }
      const reread = await read(admin.key, created.id);
      expect(reread.body).toEqual(created);
    });

    it('PATCH with an unknown field answers 400', async () => {
      const created = await createCategory(request, admin.key, { name: label('Unknown') });
      expectFieldError(await patch(admin.key, created.id, { version: 9 }), 400, 'version');
    });

    it('PATCH with a matching If-Match succeeds; a stale one answers 409 and changes nothing', async () => {
      const created = await createCategory(request, admin.key, { name: label('Planning') });
      const matching = await patch(admin.key, created.id, { description: 'first' }, { 'If-Match': 'W/"1"' });
      expect(matching.status).toBe(200);
      expect(matching.headers.get('etag')).toBe('W/"2"');

      const stale = await patch(
        admin.key,
        created.id,
        { description: 'second', enabled: false, slaDays: 9 },
        { 'If-Match': 'W/"1"' },
      );
      expectVersionConflict(stale, 2);

      const reread = await read(admin.key, created.id);
      expect(reread.headers.get('etag')).toBe('W/"2"');
      expect(reread.body).toEqual(matching.body);
      expect(reread.body).toMatchObject({ description: 'first', enabled: true, slaDays: null });
    });

    it('an unknown id and a non-UUID id answer 404 with the envelope (GET and PATCH)', async () => {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        expectEnvelope(await read(admin.key, id), 404);
        expectEnvelope(await patch(admin.key, id, { enabled: false }), 404);
      }
    });

    it("another tenant's category answers 404 and is left unchanged", async () => {
      expectEnvelope(await read(admin.key, foreign.id), 404);
      expectEnvelope(await patch(admin.key, foreign.id, { name: 'hijacked' }), 404);
      expect((await read(other.key, foreign.id)).body).toEqual(foreign);
    });

    it('writes need settings:write and reads need categories:read', async () => {
      const reader = await fixtures.key(admin.tenant, admin.owner, ['categories:read']);
      const denied = await request('POST', '/api/categories', { key: reader.key, json: { name: label('Denied') } });
      expectEnvelope(denied, 403);
      expect(denied.body.details.requiredScope).toBe('settings:write');

      const writer = await fixtures.key(admin.tenant, admin.owner, ['settings:write']);
      const blind = await request('GET', '/api/categories', { key: writer.key });
      expectEnvelope(blind, 403);
      expect(blind.body.details.requiredScope).toBe('categories:read');
    });
  });

  describe('list, filter, sort and paging', () => {
    let lister: KeyedUser;
    let categories: Category[];
    let parent: Category;
    let otherParent: Category;

    const list = (params: Params = {}) => request('GET', `/api/categories${query(params)}`, { key: lister.key });
    const idsOf = (response: ApiResponse) => response.body.categories.map((category: Category) => category.id);
    const namesOf = (response: ApiResponse) => response.body.categories.map((category: Category) => category.name);

    async function walkPages(params: Params): Promise<string[]> {
      const first = await list({ ...params, page: 1 });
      expect(first.status).toBe(200);
      const ids = idsOf(first);
      for (let page = 2; page <= first.body.pagination.totalPages; page++)
        ids.push(...idsOf(await list({ ...params, page })));
      return ids;
    }

    async function walkCursor(params: Params): Promise<string[]> {
      const first = await list(params);
      expect(first.status).toBe(200);
      const ids = idsOf(first);
      let cursor: string | null = first.body.pagination.nextCursor;
      for (let hops = 0; cursor; hops++) {
        expect(hops).toBeLessThan(20);
        const response = await list({ ...params, cursor });
        expect(response.status).toBe(200);
        expect(response.body.pagination).toMatchObject({ page: null, total: null, totalPages: null });
        ids.push(...idsOf(response));
        cursor = response.body.pagination.nextCursor;
      }
      return ids;
    }

    beforeAll(async () => {
      lister = await fixtures.keyedUser('council', 'admin');
      parent = await createCategory(request, lister.key, { name: 'Roads' });
      otherParent = await createCategory(request, lister.key, { name: 'Waste' });
      categories = [parent, otherParent];
      const children: [string, string, boolean][] = [
        ['Potholes', parent.id, true],
        ['Gritting', parent.id, false],
        ['Kerbs', parent.id, true],
        ['Bins', otherParent.id, true],
        ['Litter', otherParent.id, false],
      ];
      for (const [name, parentId, enabled] of children) {
        categories.push(await createCategory(request, lister.key, { name, parentId, enabled }));
      }
    });

    it('lists every category sorted by name by default, with page-mode pagination', async () => {
      const response = await list();
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).toSorted()).toEqual(['categories', 'pagination']);
      expect(namesOf(response)).toEqual(categories.map((category) => category.name).toSorted());
      expect(response.body.pagination).toEqual({ page: 1, pageSize: 20, total: 7, totalPages: 1, nextCursor: null });
      for (const category of response.body.categories)
        expect(Object.keys(category).toSorted()).toEqual(CATEGORY_FIELDS);
    });

    it('sort=-name, sort=createdAt and sort=-createdAt', async () => {
      expect(namesOf(await list({ sort: '-name' }))).toEqual(
        categories
          .map((category) => category.name)
          .toSorted()
          .toReversed(),
      );
      const byCreated = [...categories]
        .toSorted((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id))
        .map((category) => category.id);
      expect(idsOf(await list({ sort: 'createdAt' }))).toEqual(byCreated);
      expect(idsOf(await list({ sort: '-createdAt' }))).toEqual([...byCreated].toReversed());
    });

    it('an unknown sort answers 400 naming sort', async () => {
      for (const sort of ['slug', 'slaDays', '-parentId', 'name desc'])
        expectFieldError(await list({ sort }), 400, 'sort');
    });

    it('the enabled filter: true, false, and 400 for anything else', async () => {
      expect(namesOf(await list({ enabled: 'true' }))).toEqual(['Bins', 'Kerbs', 'Potholes', 'Roads', 'Waste']);
      expect(namesOf(await list({ enabled: 'false' }))).toEqual(['Gritting', 'Litter']);
      expectFieldError(await list({ enabled: 'maybe' }), 400, 'enabled');
    });

    it('the parentId filter lists only the children of that category', async () => {
      const children = await list({ parentId: parent.id });
      expect(namesOf(children)).toEqual(['Gritting', 'Kerbs', 'Potholes']);
      expect(children.body.pagination.total).toBe(3);
      expect(namesOf(await list({ parentId: otherParent.id, enabled: 'true' }))).toEqual(['Bins']);
      expect(namesOf(await list({ parentId: randomUUID() }))).toEqual([]);
      expectFieldError(await list({ parentId: 'not-a-uuid' }), 400, 'parentId');
    });

    it('page mode with pageSize=3: total, totalPages, nextCursor until the last page', async () => {
      const first = await list({ pageSize: 3 });
      expect(first.body.categories).toHaveLength(3);
      expect(first.body.pagination).toEqual({
        page: 1,
        pageSize: 3,
        total: 7,
        totalPages: 3,
        nextCursor: expect.any(String),
      });
      const last = await list({ pageSize: 3, page: 3 });
      expect(last.body.categories).toHaveLength(1);
      expect(last.body.pagination).toEqual({ page: 3, pageSize: 3, total: 7, totalPages: 3, nextCursor: null });
    });

    it.each(['name', '-name', 'createdAt', '-createdAt'])(
      'sort=%s: cursor walking visits exactly the ids of pages 1..n, in order',
      async (sort) => {
        const all = idsOf(await list({ sort, pageSize: 100 }));
        expect(all).toHaveLength(7);
        expect(await walkPages({ sort, pageSize: 3 })).toEqual(all);
        expect(await walkCursor({ sort, pageSize: 3 })).toEqual(all);
      },
    );

    it('cursor walking honours the filters', async () => {
      expect(await walkCursor({ parentId: parent.id, pageSize: 1 })).toEqual(
        idsOf(await list({ parentId: parent.id })),
      );
      expect(await walkCursor({ enabled: 'true', sort: '-createdAt', pageSize: 2 })).toEqual(
        idsOf(await list({ enabled: 'true', sort: '-createdAt' })),
      );
    });

    it('cursor mode: page, total and totalPages are null; the last page has nextCursor null', async () => {
      const first = await list({ pageSize: 4 });
      const second = await list({ pageSize: 4, cursor: first.body.pagination.nextCursor });
      expect(second.status).toBe(200);
      expect(second.body.categories).toHaveLength(3);
      expect(second.body.pagination).toEqual({
        page: null,
        pageSize: 4,
        total: null,
        totalPages: null,
        nextCursor: null,
      });
    });

    it('a cursor made for another sort, a tampered cursor, or page with cursor answers 400', async () => {
      const cursor: string = (await list({ pageSize: 2 })).body.pagination.nextCursor;
      const [sort, value, id] = decodeCursor(cursor) as [string, string, string];
      expectFieldError(await list({ sort: 'createdAt', pageSize: 2, cursor }), 400, 'cursor');
      expectFieldError(await list({ sort: '-name', pageSize: 2, cursor }), 400, 'cursor');
      const tampered = [
        (cursor[0] === 'W' ? 'X' : 'W') + cursor.slice(1),
        'garbage',
        '%%%',
        untaggedCursor([sort, value, id]),
        ...[
          { sort, value, id },
          { 0: sort, 1: value, 2: id, length: 3 },
          [sort, value],
          [sort, value, id, 'extra'],
          [sort, value, 'not-a-uuid'],
          [sort, 1, id],
          [sort, null, id],
          ['createdAt', value, id],
        ].map(taggedCursor),
      ];
      for (const bad of tampered) expectFieldError(await list({ pageSize: 2, cursor: bad }), 400, 'cursor');
      expectEnvelope(await list({ page: 1, cursor }), 400);
    });

    it('out-of-range or malformed page and pageSize answer 400', async () => {
      expectFieldError(await list({ page: 0 }), 400, 'page');
      expectFieldError(await list({ page: 'two' }), 400, 'page');
      expectFieldError(await list({ pageSize: 101 }), 400, 'pageSize');
      expectFieldError(await list({ pageSize: 0 }), 400, 'pageSize');
      expectFieldError(await list({ pageSize: 'abc' }), 400, 'pageSize');
    });

    it("lists only this tenant's categories", async () => {
      expect(idsOf(await list({ pageSize: 100 })).toSorted()).toEqual(
        categories.map((category) => category.id).toSorted(),
      );
    });
  });
});
