import { randomUUID } from 'node:crypto';
import { COUNCIL_TIERS } from '@wardline/database';
import { Fixtures, type KeyedUser, uniqueSuffix } from '../support/fixtures';
import { type ApiResponse, type HttpClient } from '../support/http';

import { expectEnvelope, expectFieldError, expectVersionConflict } from '../support/expectations';
import { parseCsv, parseCsvRecords } from '../support/csv';
import { decodeCursor, taggedCursor, untaggedCursor } from '../support/cursors';
import { createWard } from '../support/resources';
import { useApiSuite } from '../support/suite';
import { compare, ISO_MS, label, query, UUID } from '../support/values';

const WARD_FIELDS = [
  'boundaryDescription',
  'councilTier',
  'councillors',
  'createdAt',
  'enabled',
  'gssCode',
  'id',
  'latitude',
  'longitude',
  'name',
  'updatedAt',
];
const EXPORT_HEADER =
  'id,name,gssCode,councilTier,boundaryDescription,latitude,longitude,enabled,councillors,caseCount,createdAt,updatedAt';

interface Ward {
  id: string;
  name: string;
  gssCode: string | null;
  councilTier: string | null;
  boundaryDescription: string | null;
  latitude: number | null;
  longitude: number | null;
  enabled: boolean;
  councillors: { id: string; name: string }[];
  createdAt: string;
  updatedAt: string;
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

function expectAttachment(response: ApiResponse, extension: string): void {
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /^attachment; filename="wards-export-(\d{4}-\d{2}-\d{2})\.(\w+)"$/.exec(disposition);
  expect(match).not.toBeNull();
  expect(match?.[2]).toBe(extension);
  expect([todayUtc(), new Date(Date.now() - 60_000).toISOString().slice(0, 10)]).toContain(match?.[1]);
}

describe('Wards (contract §4)', () => {
  const suite = useApiSuite({ RATE_LIMIT_PER_MINUTE: '1000000' });
  let fixtures: Fixtures;
  let request: HttpClient;

  beforeAll(async () => {
    ({ fixtures, request } = suite);
  });

  /** Makes `userId` a member of `wardIds` (there is no API route for it yet). */
  const assignWards = (userId: string, wardIds: string[]) =>
    fixtures.owner.query('UPDATE users SET ward_ids = $1 WHERE id = $2', [wardIds, userId]);

  describe('create, read and update', () => {
    let admin: KeyedUser;

    beforeAll(async () => {
      admin = await fixtures.keyedUser('council', 'admin');
    });

    it('POST creates a ward: 201, the full resource with every contract field, ETag W/"1"', async () => {
      const input = {
        name: label('Riverside'),
        gssCode: 'E05011234',
        councilTier: 'district',
        boundaryDescription: 'North bank of the river',
        latitude: 51.5072,
        longitude: -0.1276,
        enabled: true,
      };
      const response = await request<Ward>('POST', '/api/wards', { key: admin.key, json: input });

      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(Object.keys(response.body).toSorted()).toEqual(WARD_FIELDS);
      expect(response.body).toEqual({
        ...input,
        id: expect.stringMatching(UUID),
        councillors: [],
        createdAt: expect.stringMatching(ISO_MS),
        updatedAt: expect.stringMatching(ISO_MS),
      });
      expect(response.body.updatedAt).toBe(response.body.createdAt);
    });

    it('POST with only a name fills the optional fields with null and enabled with true', async () => {
      const name = label('Minimal');
      const ward = await createWard(request, admin.key, { name });
      expect(ward).toEqual({
        id: expect.stringMatching(UUID),
        name,
        gssCode: null,
        councilTier: null,
        boundaryDescription: null,
        latitude: null,
        longitude: null,
        enabled: true,
        councillors: [],
        createdAt: expect.stringMatching(ISO_MS),
        updatedAt: expect.stringMatching(ISO_MS),
      });
    });

    it('accepts every council tier of the contract', async () => {
      for (const councilTier of COUNCIL_TIERS) {
        const ward = await createWard(request, admin.key, { name: label(`Tier ${councilTier}`), councilTier });
        expect(ward.councilTier).toBe(councilTier);
      }
    });

    it('GET /api/wards/:id returns the same resource with its ETag', async () => {
      const created = await createWard(request, admin.key, { name: label('Hilltop'), councilTier: 'parish' });
      const response = await request<Ward>('GET', `/api/wards/${created.id}`, { key: admin.key });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(response.body).toEqual(created);
    });

    it('PATCH changes only the given fields, bumps the ETag and updatedAt, and the change persists', async () => {
      const created = await createWard(request, admin.key, {
        name: label('Meadow'),
        gssCode: 'E05000001',
        councilTier: 'county',
        boundaryDescription: 'Old text',
        latitude: 52.1,
        longitude: -1.2,
      });

      const patched = await request<Ward>('PATCH', `/api/wards/${created.id}`, {
        key: admin.key,
        json: { boundaryDescription: 'New text' },
      });

      expect(patched.status).toBe(200);
      expect(patched.headers.get('etag')).toBe('W/"2"');
      expect(patched.body).toEqual({
        ...created,
        boundaryDescription: 'New text',
        updatedAt: expect.stringMatching(ISO_MS),
      });
      expect(Date.parse(patched.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

      const reread = await request<Ward>('GET', `/api/wards/${created.id}`, { key: admin.key });
      expect(reread.headers.get('etag')).toBe('W/"2"');
      expect(reread.body).toEqual(patched.body);
    });

    it('PATCH can clear a nullable field with null', async () => {
      const created = await createWard(request, admin.key, {
        name: label('Clearable'),
        gssCode: 'W05000002',
        latitude: 1,
      });
      const patched = await request<Ward>('PATCH', `/api/wards/${created.id}`, {
        key: admin.key,
        json: { gssCode: null, latitude: null, enabled: false },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ gssCode: null, latitude: null, enabled: false, name: created.name });
    });

    it('PATCH with a matching If-Match succeeds and answers the next ETag', async () => {
      const created = await createWard(request, admin.key, { name: label('Orchard') });
      const newName = label('Orchard renamed');
      const patched = await request<Ward>('PATCH', `/api/wards/${created.id}`, {
        key: admin.key,
        headers: { 'If-Match': 'W/"1"' },
        json: { name: newName },
      });
      expect(patched.status).toBe(200);
      expect(patched.headers.get('etag')).toBe('W/"2"');
      expect(patched.body.name).toBe(newName);
    });

    it('PATCH with a stale If-Match answers 409 and changes nothing', async () => {
      const created = await createWard(request, admin.key, { name: label('Quarry') });
      const first = await request('PATCH', `/api/wards/${created.id}`, {
        key: admin.key,
        headers: { 'If-Match': 'W/"1"' },
        json: { boundaryDescription: 'first writer' },
      });
      expect(first.status).toBe(200);

      const stale = await request('PATCH', `/api/wards/${created.id}`, {
        key: admin.key,
        headers: { 'If-Match': 'W/"1"' },
        json: { name: label('second writer'), boundaryDescription: 'second writer', enabled: false },
      });
      expectVersionConflict(stale, 2);

      const reread = await request<Ward>('GET', `/api/wards/${created.id}`, { key: admin.key });
      expect(reread.headers.get('etag')).toBe('W/"2"');
      expect(reread.body).toEqual(first.body);
      expect(reread.body).toMatchObject({ name: created.name, boundaryDescription: 'first writer', enabled: true });
    });

    it('a duplicate name in the tenant answers 409, also when only the case differs', async () => {
      const name = label('Duplicate');
      await createWard(request, admin.key, { name });

      expectEnvelope(await request('POST', '/api/wards', { key: admin.key, json: { name } }), 409);
      expectEnvelope(await request('POST', '/api/wards', { key: admin.key, json: { name: name.toUpperCase() } }), 409);
      expectEnvelope(await request('POST', '/api/wards', { key: admin.key, json: { name: name.toLowerCase() } }), 409);
    });

    it('renaming a ward to the name of another ward answers 409 and changes nothing', async () => {
      const taken = await createWard(request, admin.key, { name: label('Taken') });
      const other = await createWard(request, admin.key, { name: label('Other') });
      const response = await request('PATCH', `/api/wards/${other.id}`, {
        key: admin.key,
        json: { name: taken.name.toLowerCase() },
      });
      expectEnvelope(response, 409);
      const reread = await request<Ward>('GET', `/api/wards/${other.id}`, { key: admin.key });
      expect(reread.body.name).toBe(other.name);
      expect(reread.headers.get('etag')).toBe('W/"1"');
    });

    it('the same name is fine in another tenant', async () => {
      const name = label('Shared');
      await createWard(request, admin.key, { name });
      const elsewhere = await fixtures.keyedUser('council', 'admin');
      const ward = await createWard(request, elsewhere.key, { name });
      expect(ward.name).toBe(name);
    });

    it('a councilTier outside the enum answers 422 with details.fields.councilTier', async () => {
      const response = await request('POST', '/api/wards', {
        key: admin.key,
        json: { name: label('Bad tier'), councilTier: 'borough' },
      });
      expectFieldError(response, 422, 'councilTier');
    });

    it('a wrong type (name: 5) answers 400 with details.fields.name', async () => {
      const response = await request('POST', '/api/wards', { key: admin.key, json: { name: 5 } });
      expectFieldError(response, 400, 'name');
    });

    it('a missing name answers 400 with details.fields.name', async () => {
      const response = await request('POST', '/api/wards', { key: admin.key, json: { councilTier: 'district' } });
      expectFieldError(response, 400, 'name');
    });

    it('a blank name answers 400 with details.fields.name', async () => {
      const response = await request('POST', '/api/wards', { key: admin.key, json: { name: '   ' } });
      expectFieldError(response, 400, 'name');
    });

    it('wrong types for the other fields answer 400 naming the field', async () => {
      const cases: [string, unknown][] = [
        ['enabled', 'yes'],
        ['gssCode', 12345678],
        ['boundaryDescription', 42],
        ['latitude', 'north'],
        ['longitude', true],
      ];
      for (const [field, value] of cases) {
        const response = await request('POST', '/api/wards', {
          key: admin.key,
          json: { name: label('Typed'), [field]: value },
        });
        expectFieldError(response, 400, field);
      }
    });

    it('a numeric string for latitude/longitude is a wrong type: 400', async () => {
      for (const field of ['latitude', 'longitude']) {
        const response = await request('POST', '/api/wards', {
          key: admin.key,
          json: { name: label('String coordinate'), [field]: '51.5' },
        });
        expectFieldError(response, 400, field);
      }
    });

    it('coordinates out of range and a malformed GSS code answer 400 naming the field', async () => {
      const cases: [string, unknown][] = [
        ['latitude', 90.5],
        ['latitude', -91],
        ['longitude', 180.5],
        ['gssCode', 'X123'],
      ];
      for (const [field, value] of cases) {
        const response = await request('POST', '/api/wards', {
          key: admin.key,
          json: { name: label('Range'), [field]: value },
        });
        expectFieldError(response, 400, field);
      }
    });

    it('an unknown field answers 400 (on POST and on PATCH)', async () => {
      const created = await request('POST', '/api/wards', {
        key: admin.key,
        json: { name: label('Unknown field'), colour: 'green' },
      });
      expectFieldError(created, 400, 'colour');

      const ward = await createWard(request, admin.key, { name: label('Patch unknown') });
      const patched = await request('PATCH', `/api/wards/${ward.id}`, {
        key: admin.key,
        json: { tenantId: randomUUID() },
      });
      expectFieldError(patched, 400, 'tenantId');
    });

    it('PATCH name: null answers 400 and changes nothing', async () => {
      const ward = await createWard(request, admin.key, { name: label('Null name') });
      const response = await request('PATCH', `/api/wards/${ward.id}`, { key: admin.key, json: { name: null } });
      expectFieldError(response, 400, 'name');
      const reread = await request<Ward>('GET', `/api/wards/${ward.id}`, { key: admin.key });
      expect(reread.body.name).toBe(ward.name);
    });

    it('PATCH enabled: null answers 400 (enabled is not nullable)', async () => {
      const ward = await createWard(request, admin.key, { name: label('Null enabled') });
      const response = await request('PATCH', `/api/wards/${ward.id}`, { key: admin.key, json: { enabled: null } });
      expectFieldError(response, 400, 'enabled');
    });

    it('a name containing a NUL character answers 400, never a 500', async () => {
      const response = await request('POST', '/api/wards', {
        key: admin.key,
        json: { name: `Nul\u0000${uniqueSuffix()}` },
      });
      expectEnvelope(response, 400);
    });

    it('an unknown id and a non-UUID id answer 404 with the envelope (GET and PATCH)', async () => {
      for (const id of [randomUUID(), 'not-a-uuid', '12345']) {
        expectEnvelope(await request('GET', `/api/wards/${id}`, { key: admin.key }), 404);
        expectEnvelope(await request('PATCH', `/api/wards/${id}`, { key: admin.key, json: { enabled: false } }), 404);
      }
    });

    it("another tenant's ward answers 404 and is left unchanged", async () => {
      const other = await fixtures.keyedUser('council', 'admin');
      const foreign = await createWard(request, other.key, { name: label('Foreign') });

      expectEnvelope(await request('GET', `/api/wards/${foreign.id}`, { key: admin.key }), 404);
      expectEnvelope(
        await request('PATCH', `/api/wards/${foreign.id}`, { key: admin.key, json: { name: 'hijacked' } }),
        404,
      );
      const reread = await request<Ward>('GET', `/api/wards/${foreign.id}`, { key: other.key });
      expect(reread.body).toEqual(foreign);
    });

    it('a malformed If-Match answers 400 and changes nothing', async () => {
      const ward = await createWard(request, admin.key, { name: label('Bad If-Match') });
      const response = await request('PATCH', `/api/wards/${ward.id}`, {
        key: admin.key,
        headers: { 'If-Match': 'version one' },
        json: { enabled: false },
      });
      expectEnvelope(response, 400);
      expect((await request<Ward>('GET', `/api/wards/${ward.id}`, { key: admin.key })).body.enabled).toBe(true);
    });

    it('writes need settings:write: a wards:read key gets 403 Insufficient scope', async () => {
      const reader = await fixtures.key(admin.tenant, admin.owner, ['wards:read']);
      const response = await request('POST', '/api/wards', { key: reader.key, json: { name: label('Denied') } });
      expectEnvelope(response, 403);
      expect(response.body).toEqual({
        error: 'Insufficient scope',
        details: { requiredScope: 'settings:write', grantedScopes: ['wards:read'] },
      });
    });

    it('reads need wards:read: a settings:write-only key gets 403 on GET', async () => {
      const writer = await fixtures.key(admin.tenant, admin.owner, ['settings:write']);
      const response = await request('GET', '/api/wards', { key: writer.key });
      expectEnvelope(response, 403);
      expect(response.body.details.requiredScope).toBe('wards:read');
    });
  });

  describe('councillors', () => {
    let admin: KeyedUser;

    beforeAll(async () => {
      admin = await fixtures.keyedUser('council', 'admin');
    });

    it('a ward lists the councillors assigned to it as [{id, name}] (GET, list and PATCH response)', async () => {
      const ward = await createWard(request, admin.key, { name: label('Councillor ward') });
      const otherWard = await createWard(request, admin.key, { name: label('Other ward') });
      const amy = await fixtures.user(admin.tenant, 'councillor', 'Cllr Amy Adams');
      const zed = await fixtures.user(admin.tenant, 'councillor', 'Cllr Zed Zephaniah');
      const elsewhere = await fixtures.user(admin.tenant, 'councillor', 'Cllr Only Elsewhere');
      await assignWards(amy.id, [ward.id, otherWard.id]);
      await assignWards(zed.id, [ward.id]);
      await assignWards(elsewhere.id, [otherWard.id]);

      const expected = [
        { id: amy.id, name: 'Cllr Amy Adams' },
        { id: zed.id, name: 'Cllr Zed Zephaniah' },
      ];
      const read = await request<Ward>('GET', `/api/wards/${ward.id}`, { key: admin.key });
      expect(read.status).toBe(200);
      expect(read.body.councillors).toHaveLength(2);
      expect(read.body.councillors).toEqual(expect.arrayContaining(expected));

      const list = await request('GET', '/api/wards?pageSize=100', { key: admin.key });
      const listed = list.body.wards.find((item: Ward) => item.id === ward.id);
      expect(listed.councillors).toHaveLength(2);
      expect(listed.councillors).toEqual(expect.arrayContaining(expected));

      const patched = await request<Ward>('PATCH', `/api/wards/${ward.id}`, {
        key: admin.key,
        json: { boundaryDescription: 'x' },
      });
      expect(patched.body.councillors).toEqual(expect.arrayContaining(expected));

      const other = await request<Ward>('GET', `/api/wards/${otherWard.id}`, { key: admin.key });
      expect(other.body.councillors).toHaveLength(2);
      expect(other.body.councillors).toEqual(
        expect.arrayContaining([
          { id: amy.id, name: 'Cllr Amy Adams' },
          { id: elsewhere.id, name: 'Cllr Only Elsewhere' },
        ]),
      );
    });

    it('users who are not councillors are not listed as councillors', async () => {
      const ward = await createWard(request, admin.key, { name: label('Staff ward') });
      const caseworker = await fixtures.user(admin.tenant, 'caseworker', 'Casey Worker');
      await assignWards(caseworker.id, [ward.id]);
      const read = await request<Ward>('GET', `/api/wards/${ward.id}`, { key: admin.key });
      expect(read.body.councillors).toEqual([]);
    });
  });

  describe('list, sort, filter and paging', () => {
    let lister: KeyedUser;
    let wards: Ward[];
    // Created in this (unsorted) order; two are disabled.
    const NAMES = ['Mill', 'Castle', 'Abbey', 'Forge', 'Beacon', 'Elm', 'Dock'];
    const DISABLED = new Set(['Castle', 'Elm']);

    const list = (params: Record<string, string | number | undefined> = {}) =>
      request('GET', `/api/wards${query(params)}`, { key: lister.key });

    const byCreated = (a: Ward, b: Ward) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id);

    /** Every id, following pages 1..totalPages. */
    async function walkPages(params: Record<string, string | number | undefined>): Promise<string[]> {
      const ids: string[] = [];
      const first = await list({ ...params, page: 1 });
      expect(first.status).toBe(200);
      for (let page = 1; page <= first.body.pagination.totalPages; page++) {
        const response = page === 1 ? first : await list({ ...params, page });
        expect(response.status).toBe(200);
        expect(response.body.pagination.page).toBe(page);
        ids.push(...response.body.wards.map((ward: Ward) => ward.id));
      }
      return ids;
    }

    /** Every id, starting in page mode and then following `nextCursor` until it is null. */
    async function walkCursor(params: Record<string, string | number | undefined>): Promise<string[]> {
      const first = await list(params);
      expect(first.status).toBe(200);
      const ids: string[] = first.body.wards.map((ward: Ward) => ward.id);
      let cursor: string | null = first.body.pagination.nextCursor;
      let hops = 0;
      while (cursor) {
        const response = await list({ ...params, cursor });
        expect(response.status).toBe(200);
        expect(response.body.pagination).toMatchObject({ page: null, total: null, totalPages: null });
        ids.push(...response.body.wards.map((ward: Ward) => ward.id));
        cursor = response.body.pagination.nextCursor;
        expect(++hops).toBeLessThan(20);
      }
      return ids;
    }

    beforeAll(async () => {
      lister = await fixtures.keyedUser('council', 'admin');
      wards = [];
      for (const name of NAMES)
        wards.push(await createWard(request, lister.key, { name, enabled: !DISABLED.has(name) }));
    });

    it('lists the wards sorted by name by default, with page-mode pagination', async () => {
      const response = await list();
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).toSorted()).toEqual(['pagination', 'wards']);
      expect(response.body.wards.map((ward: Ward) => ward.name)).toEqual([...NAMES].toSorted());
      expect(response.body.pagination).toEqual({ page: 1, pageSize: 20, total: 7, totalPages: 1, nextCursor: null });
      for (const ward of response.body.wards) expect(Object.keys(ward).toSorted()).toEqual(WARD_FIELDS);
    });

    it('sort=name and sort=-name order by name ascending and descending', async () => {
      const ascending = await list({ sort: 'name' });
      expect(ascending.body.wards.map((ward: Ward) => ward.name)).toEqual([...NAMES].toSorted());
      const descending = await list({ sort: '-name' });
      expect(descending.body.wards.map((ward: Ward) => ward.name)).toEqual([...NAMES].toSorted().toReversed());
    });

    it('sort=createdAt and sort=-createdAt order by creation time', async () => {
      const expected = [...wards].toSorted(byCreated).map((ward) => ward.id);
      const ascending = await list({ sort: 'createdAt' });
      expect(ascending.status).toBe(200);
      expect(ascending.body.wards.map((ward: Ward) => ward.id)).toEqual(expected);
      const descending = await list({ sort: '-createdAt' });
      expect(descending.body.wards.map((ward: Ward) => ward.id)).toEqual([...expected].toReversed());
    });

    it('an unknown or malformed sort answers 400 naming sort', async () => {
      for (const sort of ['colour', '-gssCode', 'enabled', 'name,createdAt', '--name', '']) {
        expectFieldError(await list({ sort }), 400, 'sort');
      }
    });

    it('enabled=true and enabled=false filter; enabled=maybe answers 400', async () => {
      const enabled = await list({ enabled: 'true' });
      expect(enabled.body.wards.map((ward: Ward) => ward.name)).toEqual(
        NAMES.filter((n) => !DISABLED.has(n)).toSorted(),
      );
      expect(enabled.body.pagination.total).toBe(5);

      const disabled = await list({ enabled: 'false' });
      expect(disabled.body.wards.map((ward: Ward) => ward.name)).toEqual(['Castle', 'Elm']);
      expect(disabled.body.pagination.total).toBe(2);

      expectFieldError(await list({ enabled: 'maybe' }), 400, 'enabled');
      expectFieldError(await list({ enabled: '1' }), 400, 'enabled');
    });

    it('an unknown query parameter answers 400', async () => {
      expectEnvelope(await list({ colour: 'green' }), 400);
    });

    it('page mode with pageSize=3 reports total, totalPages and a nextCursor until the last page', async () => {
      const first = await list({ pageSize: 3 });
      expect(first.body.wards).toHaveLength(3);
      expect(first.body.pagination).toEqual({
        page: 1,
        pageSize: 3,
        total: 7,
        totalPages: 3,
        nextCursor: expect.any(String),
      });
      const middle = await list({ pageSize: 3, page: 2 });
      expect(middle.body.wards).toHaveLength(3);
      expect(middle.body.pagination.nextCursor).toEqual(expect.any(String));
      const last = await list({ pageSize: 3, page: 3 });
      expect(last.body.wards).toHaveLength(1);
      expect(last.body.pagination).toEqual({ page: 3, pageSize: 3, total: 7, totalPages: 3, nextCursor: null });
      const beyond = await list({ pageSize: 3, page: 4 });
      expect(beyond.status).toBe(200);
      expect(beyond.body.wards).toEqual([]);
      expect(beyond.body.pagination.nextCursor).toBeNull();
    });

    it.each(['name', '-name', 'createdAt', '-createdAt'])(
      'sort=%s: walking cursors from page 1 visits exactly the ids of pages 1..n, in order',
      async (sort) => {
        const all = (await list({ sort, pageSize: 100 })).body.wards.map((ward: Ward) => ward.id);
        expect(all).toHaveLength(7);
        const paged = await walkPages({ sort, pageSize: 3 });
        const cursored = await walkCursor({ sort, pageSize: 3 });
        expect(paged).toEqual(all);
        expect(cursored).toEqual(all);
      },
    );

    it('cursor walking honours the enabled filter', async () => {
      const cursored = await walkCursor({ enabled: 'true', pageSize: 2 });
      const expected = wards
        .filter((ward) => ward.enabled)
        .toSorted((a, b) => a.name.localeCompare(b.name))
        .map((ward) => ward.id);
      expect(cursored).toEqual(expected);
    });

    it('cursor mode: page, total and totalPages are null; the last page has nextCursor null', async () => {
      const first = await list({ pageSize: 3 });
      const second = await list({ pageSize: 3, cursor: first.body.pagination.nextCursor });
      expect(second.status).toBe(200);
      expect(second.body.pagination).toEqual({
        page: null,
        pageSize: 3,
        total: null,
        totalPages: null,
        nextCursor: expect.any(String),
      });
      const third = await list({ pageSize: 3, cursor: second.body.pagination.nextCursor });
      expect(third.body.wards).toHaveLength(1);
      expect(third.body.pagination).toEqual({
        page: null,
        pageSize: 3,
        total: null,
        totalPages: null,
        nextCursor: null,
      });
    });

    it('a cursor ending exactly at the last row is followed by an empty page with nextCursor null', async () => {
      const first = await list({ pageSize: 6 });
      expect(first.body.pagination.nextCursor).toEqual(expect.any(String));
      const second = await list({ pageSize: 1, cursor: first.body.pagination.nextCursor });
      expect(second.body.wards).toHaveLength(1);
      expect(second.body.pagination.nextCursor).toBeNull();
    });

    it('a cursor made for another sort answers 400', async () => {
      const byName = (await list({ sort: 'name', pageSize: 2 })).body.pagination.nextCursor;
      const byCreatedDesc = (await list({ sort: '-createdAt', pageSize: 2 })).body.pagination.nextCursor;
      expectFieldError(await list({ sort: '-name', pageSize: 2, cursor: byName }), 400, 'cursor');
      expectFieldError(await list({ sort: 'createdAt', pageSize: 2, cursor: byName }), 400, 'cursor');
      expectFieldError(await list({ sort: 'createdAt', pageSize: 2, cursor: byCreatedDesc }), 400, 'cursor');
      expectFieldError(await list({ pageSize: 2, cursor: byCreatedDesc }), 400, 'cursor');
    });

    it('a malformed cursor (flipped character, garbage, base64 of the wrong JSON) answers 400', async () => {
      const cursor: string = (await list({ pageSize: 2 })).body.pagination.nextCursor;
      const [sort, value, id] = decodeCursor(cursor) as [string, string, string];
      const flipFirst = (cursor[0] === 'W' ? 'X' : 'W') + cursor.slice(1);
      const tampered = [
        flipFirst,
        cursor.slice(0, -4),
        `${cursor}AAAA`,
        'garbage',
        '!!!not-base64!!!',
        'a'.repeat(1000),
        untaggedCursor([sort, value, id]),
        Buffer.from('not json at all').toString('base64url'),
      ];
      for (const bad of tampered) expectFieldError(await list({ pageSize: 2, cursor: bad }), 400, 'cursor');
    });

    it('a validly tagged cursor whose payload has the wrong shape or value types answers 400', async () => {
      const cursor: string = (await list({ pageSize: 2 })).body.pagination.nextCursor;
      const [sort, value, id] = decodeCursor(cursor) as [string, string, string];
      expect((await list({ pageSize: 2, cursor: taggedCursor([sort, value, id]) })).status).toBe(200);
      const forged = [
        { sort, value, id },
        [sort, value],
        [sort, value, id, 'extra'],
        [sort, 42, id],
        [sort, value, 'not-a-uuid'],
        [sort, null, id],
        [sort, { value }, id],
        [sort, value, [id]],
        { 0: sort, 1: value, 2: id, length: 3 },
        'just a string',
      ];
      for (const payload of forged) {
        expectFieldError(await list({ pageSize: 2, cursor: taggedCursor(payload) }), 400, 'cursor');
      }
    });

    it('a cursor whose payload was edited is rejected as tampered (400)', async () => {
      const cursor: string = (await list({ pageSize: 2 })).body.pagination.nextCursor;
      const [sort, value, id] = decodeCursor(cursor) as [string, string, string];
      const edited = [untaggedCursor([sort, value, randomUUID()]), untaggedCursor([sort, `${value}zz`, id])];
      for (const bad of edited) expectFieldError(await list({ pageSize: 2, cursor: bad }), 400, 'cursor');
    });

    it('a timestamp cursor value PostgreSQL cannot read answers 400, not 500', async () => {
      const cursor: string = (await list({ sort: 'createdAt', pageSize: 2 })).body.pagination.nextCursor;
      const [sort, , id] = decodeCursor(cursor) as [string, string, string];
      for (const value of ['0', '-271821-04-20T00:00:00.000Z', 'Tue']) {
        expectEnvelope(await list({ sort: 'createdAt', pageSize: 2, cursor: taggedCursor([sort, value, id]) }), 400);
      }
    });

    it('out-of-range or malformed page and pageSize, and page with cursor, answer 400', async () => {
      const cursor: string = (await list({ pageSize: 2 })).body.pagination.nextCursor;
      expectFieldError(await list({ page: 0 }), 400, 'page');
      expectFieldError(await list({ page: -1 }), 400, 'page');
      expectFieldError(await list({ page: 'abc' }), 400, 'page');
      expectFieldError(await list({ page: 1.5 }), 400, 'page');
      expectFieldError(await list({ pageSize: 101 }), 400, 'pageSize');
      expectFieldError(await list({ pageSize: 0 }), 400, 'pageSize');
      expectFieldError(await list({ pageSize: 'abc' }), 400, 'pageSize');
      expectEnvelope(await list({ page: 1, cursor }), 400);
    });

    it('pageSize=100 and pageSize=1 are accepted', async () => {
      expect((await list({ pageSize: 100 })).body.pagination).toMatchObject({ pageSize: 100, totalPages: 1 });
      expect((await list({ pageSize: 1 })).body.pagination).toMatchObject({ pageSize: 1, totalPages: 7 });
    });

    it("lists only this tenant's wards", async () => {
      const response = await list({ pageSize: 100 });
      expect(response.body.wards.map((ward: Ward) => ward.id).toSorted()).toEqual(
        wards.map((ward) => ward.id).toSorted(),
      );
    });
  });

  describe('paging edge cases', () => {
    let tenant: KeyedUser;
    const NAMES = ['abbey', 'Abbey Road', 'Église', 'eagle', 'Zed', '_underscore', 'a b', 'ab', 'AB c', 'Ümlaut'];

    const listIds = async (params: Record<string, string | number | undefined>) => {
      const response = await request('GET', `/api/wards${query(params)}`, { key: tenant.key });
      expect(response.status).toBe(200);
      return response;
    };

    async function cursorWalk(sort: string, pageSize: number): Promise<string[]> {
      let response = await listIds({ sort, pageSize });
      const ids: string[] = response.body.wards.map((ward: Ward) => ward.id);
      while (response.body.pagination.nextCursor) {
        response = await listIds({ sort, pageSize, cursor: response.body.pagination.nextCursor });
        ids.push(...response.body.wards.map((ward: Ward) => ward.id));
        expect(ids.length).toBeLessThanOrEqual(NAMES.length);
      }
      return ids;
    }

    beforeAll(async () => {
      tenant = await fixtures.keyedUser('council', 'admin');
      for (const name of NAMES) await createWard(request, tenant.key, { name });
      // Every ward created at the same instant: only the id can order them.
      await fixtures.owner.query(`UPDATE wards SET created_at = '2026-01-15T10:30:00.123Z' WHERE tenant_id = $1`, [
        tenant.tenant.id,
      ]);
    });

    it.each([
      ['name', 1],
      ['-name', 3],
      ['createdAt', 2],
      ['-createdAt', 4],
    ] as const)(
      'sort=%s, pageSize=%d: mixed case, accents and tied timestamps page the same way with cursors',
      async (sort, pageSize) => {
        const all = (await listIds({ sort, pageSize: 100 })).body.wards.map((ward: Ward) => ward.id);
        expect(all).toHaveLength(NAMES.length);
        expect(new Set(all).size).toBe(NAMES.length);
        expect(await cursorWalk(sort, pageSize)).toEqual(all);
      },
    );
  });

  describe('export', () => {
    let exporter: KeyedUser;
    let tricky: Ward;
    let plain: Ward;
    let councillorName: string;
    const TRICKY_BOUNDARY = 'Église, "north"\nside; naïve café — 東京';

    const exportWards = (params: Record<string, string | undefined>) =>
      request('GET', `/api/wards/export${query(params)}`, { key: exporter.key });

    beforeAll(async () => {
      exporter = await fixtures.keyedUser('council', 'admin');
      tricky = await createWard(request, exporter.key, {
        name: 'Église Saint-Pierre, "Old Town"',
        gssCode: 'E05011234',
        councilTier: 'london_borough',
        boundaryDescription: TRICKY_BOUNDARY,
        latitude: 51.5,
        longitude: -0.125,
      });
      plain = await createWard(request, exporter.key, { name: 'Plain', enabled: false });
      councillorName = `Cllr Export ${uniqueSuffix()}`;
      const councillor = await fixtures.user(exporter.tenant, 'councillor', councillorName);
      await assignWards(councillor.id, [tricky.id]);
    });

    it('format=csv: text/csv attachment named wards-export-YYYY-MM-DD.csv with the exact header row', async () => {
      const response = await exportWards({ format: 'csv' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expectAttachment(response, 'csv');
      expect(response.text.split(/\r?\n/)[0]).toBe(EXPORT_HEADER);
    });

    it('format=csv round-trips commas, quotes, newlines and non-ASCII text (RFC 4180)', async () => {
      const response = await exportWards({ format: 'csv' });
      const { header, records } = parseCsvRecords(response.text);
      expect(header.join(',')).toBe(EXPORT_HEADER);
      expect(records).toHaveLength(2);

      const row = records.find((record) => record.id === tricky.id);
      expect(row).toEqual({
        id: tricky.id,
        name: 'Église Saint-Pierre, "Old Town"',
        gssCode: 'E05011234',
        councilTier: 'london_borough',
        boundaryDescription: TRICKY_BOUNDARY,
        latitude: '51.5',
        longitude: '-0.125',
        enabled: 'true',
        councillors: councillorName,
        caseCount: '0',
        createdAt: tricky.createdAt,
        updatedAt: tricky.updatedAt,
      });

      const plainRow = records.find((record) => record.id === plain.id);
      expect(plainRow).toMatchObject({
        name: 'Plain',
        gssCode: '',
        councilTier: '',
        boundaryDescription: '',
        latitude: '',
        longitude: '',
        enabled: 'false',
        councillors: '',
        caseCount: '0',
      });
    });

    it('CSV is the default format', async () => {
      const response = await exportWards({});
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(parseCsvRecords(response.text).records).toHaveLength(2);
    });

    it('format=json: a JSON array of the wards, each with caseCount', async () => {
      const response = await exportWards({ format: 'json' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expectAttachment(response, 'json');
      expect(Array.isArray(response.body)).toBe(true);
      expect(response.body).toHaveLength(2);
      const exported = response.body.find((ward: Ward) => ward.id === tricky.id);
      const current = (await request<Ward>('GET', `/api/wards/${tricky.id}`, { key: exporter.key })).body;
      expect(exported).toEqual({ ...current, caseCount: 0 });
      expect(exported.boundaryDescription).toBe(TRICKY_BOUNDARY);
      expect(response.body.find((ward: Ward) => ward.id === plain.id)).toMatchObject({ enabled: false, caseCount: 0 });
    });

    it('the export honours the enabled filter (CSV and JSON)', async () => {
      const enabledCsv = parseCsvRecords((await exportWards({ format: 'csv', enabled: 'true' })).text).records;
      expect(enabledCsv.map((record) => record.id)).toEqual([tricky.id]);
      const disabledCsv = parseCsvRecords((await exportWards({ format: 'csv', enabled: 'false' })).text).records;
      expect(disabledCsv.map((record) => record.id)).toEqual([plain.id]);
      const disabledJson = (await exportWards({ format: 'json', enabled: 'false' })).body;
      expect(disabledJson.map((ward: Ward) => ward.id)).toEqual([plain.id]);
      expectFieldError(await exportWards({ format: 'csv', enabled: 'maybe' }), 400, 'enabled');
    });

    it('a tenant without wards exports just the header row (CSV) or [] (JSON)', async () => {
      const empty = await fixtures.keyedUser('council', 'admin');
      const csv = await request('GET', '/api/wards/export?format=csv', { key: empty.key });
      expect(csv.status).toBe(200);
      expect(parseCsv(csv.text)).toEqual([EXPORT_HEADER.split(',')]);
      const json = await request('GET', '/api/wards/export?format=json', { key: empty.key });
      expect(json.body).toEqual([]);
    });

    it('formula-like cells get a leading quote and ?bom=true adds a UTF-8 BOM (same helper as cases)', async () => {
      const owner = await fixtures.keyedUser('council', 'admin');
      const ward = await createWard(request, owner.key, { name: '=1+2 Ward', boundaryDescription: '@north side' });
      const csv = await request('GET', '/api/wards/export?format=csv&bom=true', { key: owner.key });
      expect(csv.text.startsWith(`\uFEFF${EXPORT_HEADER}`)).toBe(true);
      const [record] = parseCsvRecords(csv.text.slice(1)).records;
      expect(record).toMatchObject({ id: ward.id, name: "'=1+2 Ward", boundaryDescription: "'@north side" });
    });

    it('format=xml answers 400 naming format', async () => {
      const response = await exportWards({ format: 'xml' });
      expectFieldError(response, 400, 'format');
    });

    it('the export needs wards:read', async () => {
      const writer = await fixtures.key(exporter.tenant, exporter.owner, ['settings:write']);
      const response = await request('GET', '/api/wards/export?format=csv', { key: writer.key });
      expectEnvelope(response, 403);
    });
  });
});
