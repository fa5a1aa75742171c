import { randomUUID } from 'node:crypto';
import { SCOPES } from '@wardline/auth';
import { ROLES, type Role, User } from '@wardline/database';
import type { TenantView, UserView } from '@wardline/accounts';
import { Fixtures, type KeyedUser, uniqueSuffix } from '../support/fixtures';
import { type ApiResponse, type HttpClient } from '../support/http';

import { expectEnvelope, expectFieldError } from '../support/expectations';
import { useApiSuite } from '../support/suite';
import { ISO_MS, type Params, query, UUID } from '../support/values';

const USER_FIELDS = [
  'bio',
  'createdAt',
  'email',
  'enabled',
  'id',
  'name',
  'party',
  'publicEmail',
  'role',
  'updatedAt',
  'wardIds',
];
const PASSWORD = 'correct horse battery staple';

interface UserBody {
  id: string;
  name: string;
  email: string;
  role: Role;
  enabled: boolean;
  wardIds: string[];
  party: string | null;
  publicEmail: string | null;
  bio: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Every contract field and nothing else, each of the right type. */
function expectUserShape(user: UserBody): void {
  expect(Object.keys(user).toSorted()).toEqual(USER_FIELDS);
  expect(user.id).toMatch(UUID);
  expect(typeof user.name).toBe('string');
  expect(typeof user.email).toBe('string');
  expect(ROLES).toContain(user.role);
  expect(typeof user.enabled).toBe('boolean');
  expect(Array.isArray(user.wardIds)).toBe(true);
  for (const wardId of user.wardIds) expect(wardId).toMatch(UUID);
  for (const field of ['party', 'publicEmail', 'bio'] as const) {
    expect(user[field] === null || typeof user[field] === 'string').toBe(true);
  }
  expect(user.createdAt).toMatch(ISO_MS);
  expect(user.updatedAt).toMatch(ISO_MS);
}

const email = () => `${uniqueSuffix()}@example.test`;

const idsOf = (response: ApiResponse): string[] => response.body.users.map((user: UserBody) => user.id);

describe('Users (contract §4)', () => {
  const suite = useApiSuite({ RATE_LIMIT_PER_MINUTE: '1000000' });
  let fixtures: Fixtures;
  let request: HttpClient;

  let tenant: TenantView;
  /** Admin key with every council scope. */
  let adminKey: string;
  /** Caseworker key with only users:read. */
  let caseworkerKey: string;
  let wardIds: string[];
  /** Tenant users by first name; names start with distinct capitals so any collation orders them alike. */
  const users: Record<string, UserView> = {};
  let other: KeyedUser;
  let otherCouncillor: UserView;

  const list = (params: Params = {}, key = adminKey) => request('GET', `/api/users${query(params)}`, { key });
  const get = (id: string, key = adminKey) => request('GET', `/api/users/${id}`, { key });
  /** The row as stored, read as the database owner (outside the API). */
  const stored = (id: string) => fixtures.owner.getRepository(User).findOneByOrFail({ id });

  beforeAll(async () => {
    ({ fixtures, request } = suite);

    tenant = await fixtures.tenant('council', 'users');
    users.ada = await fixtures.user(tenant, 'admin', 'Ada Admin');
    adminKey = (await fixtures.key(tenant, users.ada, SCOPES)).key;
    users.clement = await fixtures.user(tenant, 'caseworker', 'Clement Caseworker');
    caseworkerKey = (await fixtures.key(tenant, users.clement, ['users:read'])).key;
    users.diane = await fixtures.user(tenant, 'manager', 'Diane Manager');
    users.ellen = await fixtures.user(tenant, 'councillor', 'Ellen Disabled');
    await fixtures.disableUser(users.ellen.id);
    users.frances = await fixtures.user(tenant, 'councillor', 'Frances Councillor');

    const wards = await Promise.all(
      ['North', 'South'].map((name) => request('POST', '/api/wards', { key: adminKey, json: { name } })),
    );
    for (const ward of wards) if (ward.status !== 201) throw new Error(`ward not created: ${ward.text}`);
    wardIds = wards.map((ward) => ward.body.id as string);

    users.barbara = await fixtures.createUser(tenant, {
      email: email(),
      name: 'Barbara Councillor',
      role: 'councillor',
      password: PASSWORD,
    });
    await fixtures.owner.getRepository(User).update(users.barbara.id, {
      wardIds,
      party: 'Independent',
      publicEmail: 'barbara.public@example.test',
      bio: 'Serves North and South wards.',
    });

    other = await fixtures.keyedUser('council', 'admin');
    otherCouncillor = await fixtures.user(other.tenant, 'councillor', 'Zed Other');
  });

  describe('GET /api/users/:id', () => {
    it('returns every contract field, exactly, with ETag W/"<version>"', async () => {
      const row = await stored(users.barbara.id);
      const response = await get(users.barbara.id);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('etag')).toBe(`W/"${row.version}"`);
      expectUserShape(response.body);
      expect(response.body).toEqual({
        id: users.barbara.id,
        name: 'Barbara Councillor',
        email: users.barbara.email,
        role: 'councillor',
        enabled: true,
        wardIds,
        party: 'Independent',
        publicEmail: 'barbara.public@example.test',
        bio: 'Serves North and South wards.',
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      });
    });

    it('shows a user with no optional fields as nulls and an empty wardIds', async () => {
      const response = await get(users.diane.id);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(response.body).toEqual({
        id: users.diane.id,
        name: 'Diane Manager',
        email: users.diane.email,
        role: 'manager',
        enabled: true,
        wardIds: [],
        party: null,
        publicEmail: null,
        bio: null,
        createdAt: users.diane.createdAt,
        updatedAt: users.diane.updatedAt,
      });
    });

    it('shows a disabled user with enabled: false', async () => {
      const response = await get(users.ellen.id);
      expect(response.status).toBe(200);
      expect(response.body.enabled).toBe(false);
    });

    it.each([
      ['an unknown uuid', () => randomUUID()],
      ['a non-uuid id', () => 'not-a-uuid'],
      ['a numeric id', () => '42'],
    ])('%s → 404 User not found', async (_label, id) => {
      const response = await get(id());
      expectEnvelope(response, 404);
      expect(response.body).toEqual({ error: 'User not found' });
    });
  });

  describe('GET /api/users', () => {
    it("lists every user of the tenant by name, each with exactly the contract's fields", async () => {
      const response = await list();
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).toSorted()).toEqual(['pagination', 'users']);
      for (const user of response.body.users) expectUserShape(user);
      expect(response.body.users.map((user: UserBody) => user.name)).toEqual([
        'Ada Admin',
        'Barbara Councillor',
        'Clement Caseworker',
        'Diane Manager',
        'Ellen Disabled',
        'Frances Councillor',
      ]);
      expect(response.body.pagination).toEqual({ page: 1, pageSize: 20, total: 6, totalPages: 1, nextCursor: null });
    });

    it('shows each user in the list as GET /api/users/:id shows it', async () => {
      const listed = (await list()).body.users as UserBody[];
      for (const user of listed) expect((await get(user.id)).body).toEqual(user);
    });

    it.each([
      [{ role: 'admin' }, ['ada']],
      [{ role: 'manager' }, ['diane']],
      [{ role: 'councillor' }, ['barbara', 'ellen', 'frances']],
      [{ role: 'caseworker' }, ['clement']],
      [{ enabled: 'true' }, ['ada', 'barbara', 'clement', 'diane', 'frances']],
      [{ enabled: 'false' }, ['ellen']],
      [{ role: 'councillor', enabled: 'true' }, ['barbara', 'frances']],
      [{ role: 'admin', enabled: 'false' }, []],
      [{ role: 'admin,manager' }, ['ada', 'diane']],
      [{ role: 'councillor,caseworker', enabled: 'true' }, ['barbara', 'clement', 'frances']],
    ])('filters %j', async (params, expected) => {
      const response = await list(params);
      expect(response.status).toBe(200);
      expect(idsOf(response)).toEqual(expected.map((name) => users[name].id));
      expect(response.body.pagination.total).toBe(expected.length);
    });

    it('a role outside the enum → 400 naming role', async () => {
      for (const role of ['superuser', 'Admin', '']) {
        const response = await list({ role });
        expectFieldError(response, 400, 'role');
        expect(response.body.error).toBe('Validation failed');
      }
    });

    it('enabled other than true/false → 400 naming enabled', async () => {
      expectFieldError(await list({ enabled: 'yes' }), 400, 'enabled');
    });

    it('an unknown query parameter → 400', async () => {
      expectEnvelope(await list({ password: 'x' }), 400);
    });

    it('sorts by name or createdAt, either way, and refuses any other field with 400', async () => {
      const byName = idsOf(await list());
      expect(idsOf(await list({ sort: 'name' }))).toEqual(byName);
      expect(idsOf(await list({ sort: '-name' }))).toEqual(byName.toReversed());

      const byCreated = ((await list({ sort: 'createdAt' })).body.users as UserBody[]).map((user) => [
        user.createdAt,
        user.id,
      ]);
      const expected = byCreated.toSorted(([at1, id1], [at2, id2]) =>
        at1 === at2 ? (id1 < id2 ? -1 : 1) : at1 < at2 ? -1 : 1,
      );
      expect(byCreated).toEqual(expected);
      expect(idsOf(await list({ sort: '-createdAt' }))).toEqual(byCreated.map(([, id]) => id).toReversed());

      for (const sort of ['email', 'passwordHash', 'role']) expectFieldError(await list({ sort }), 400, 'sort');
    });

    it.each(['name', '-name', 'createdAt', '-createdAt'])(
      'page and cursor paging give the same ordered ids (sort=%s)',
      async (sort) => {
        const all = idsOf(await list({ sort, pageSize: 100 }));
        expect(all).toHaveLength(6);

        const paged: string[] = [];
        for (let page = 1; page <= 3; page++) {
          const response = await list({ sort, pageSize: 2, page });
          expect(response.body.pagination).toMatchObject({ page, pageSize: 2, total: 6, totalPages: 3 });
          expect(response.body.pagination.nextCursor === null).toBe(page === 3);
          paged.push(...idsOf(response));
        }

        // The first page has no cursor yet; every later one is fetched by cursor alone (no count).
        const first = await list({ sort, pageSize: 2 });
        const cursored = idsOf(first);
        let cursor: string | null = first.body.pagination.nextCursor;
        for (let pages = 0; cursor && pages < 10; pages++) {
          const response = await list({ sort, pageSize: 2, cursor });
          expect(response.status).toBe(200);
          expect(response.body.pagination).toMatchObject({ page: null, total: null, totalPages: null, pageSize: 2 });
          cursored.push(...idsOf(response));
          cursor = response.body.pagination.nextCursor;
        }

        expect(paged).toEqual(all);
        expect(cursored).toEqual(all);
      },
    );

    it('a tampered cursor or page with cursor → 400', async () => {
      const first = await list({ pageSize: 2 });
      const cursor = first.body.pagination.nextCursor as string;
      expectEnvelope(await list({ pageSize: 2, cursor: `${cursor}x` }), 400);
      expectEnvelope(await list({ pageSize: 2, cursor: 'garbage' }), 400);
      expectEnvelope(await list({ page: 2, cursor }), 400);
      expectEnvelope(await list({ pageSize: 101 }), 400);
    });
  });

  describe('secrets', () => {
    it('stores a password hash for the user, but no body in list or get shows it', async () => {
      const [{ password_hash: hash }] = (await fixtures.owner.query('SELECT password_hash FROM users WHERE id = $1', [
        users.barbara.id,
      ])) as { password_hash: string | null }[];
      expect(hash).toMatch(/^\$argon2/);

      const responses = [
        await get(users.barbara.id),
        await list(),
        await list({ role: 'councillor' }),
        await list({ cursor: (await list({ pageSize: 1 })).body.pagination.nextCursor, pageSize: 100 }),
        await get(users.barbara.id, caseworkerKey),
      ];
      for (const response of responses) {
        expect(response.status).toBe(200);
        expect(response.text).toContain(users.barbara.id);
        expect(response.text).not.toContain(hash as string);
        expect(response.text).not.toContain(PASSWORD);
        expect(response.text).not.toMatch(/password/i);
        expect(response.text).not.toMatch(/argon/i);
        expect(response.text).not.toMatch(/hash/i);
      }
    });
  });

  describe('tenant isolation', () => {
    it("A's key gets 404 on B's user ids", async () => {
      for (const id of [other.owner.id, otherCouncillor.id]) {
        const response = await get(id);
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ error: 'User not found' });
      }
    });

    it("A's list never contains B's users, whatever the filters or paging", async () => {
      const theirs = new Set([other.owner.id, otherCouncillor.id]);
      const seen: string[] = [];
      for (const params of [{}, { role: 'admin' }, { role: 'councillor' }, { enabled: 'true' }, { pageSize: 100 }]) {
        seen.push(...idsOf(await list(params)));
      }
      let cursor: string | undefined;
      do {
        const response = await list({ pageSize: 1, cursor });
        seen.push(...idsOf(response));
        cursor = response.body.pagination.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.filter((id) => theirs.has(id))).toEqual([]);
      expect(new Set(seen)).toEqual(new Set(Object.values(users).map((user) => user.id)));
    });

    it("B's key sees B's users only", async () => {
      const response = await list({}, other.key);
      expect(response.status).toBe(200);
      expect(idsOf(response).toSorted()).toEqual([other.owner.id, otherCouncillor.id].toSorted());
    });
  });

  describe('access', () => {
    it('a pro-plan key holding users:read → 403 Your plan does not include this feature', async () => {
      const pro = await fixtures.keyedUser('pro', 'admin', ['users:read']);
      for (const path of ['/api/users', `/api/users/${pro.owner.id}`]) {
        const response = await request('GET', path, { key: pro.key });
        expect(response.status).toBe(403);
        expect(response.body).toEqual({
          error: 'Your plan does not include this feature',
          details: { plan: 'pro', requiredScope: 'users:read' },
        });
      }
    });

    it('a key without users:read → 403 Insufficient scope', async () => {
      const withoutScope = (await fixtures.key(tenant, users.ada, ['wards:read'])).key;
      const response = await list({}, withoutScope);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: 'Insufficient scope', details: { requiredScope: 'users:read' } });
    });

    it('a caseworker key with users:read can list and read every user (minimum role caseworker)', async () => {
      const listed = await list({}, caseworkerKey);
      expect(listed.status).toBe(200);
      expect(listed.body.users).toEqual((await list()).body.users);
      const read = await get(users.ada.id, caseworkerKey);
      expect(read.status).toBe(200);
      expect(read.body.id).toBe(users.ada.id);
    });
  });

  describe('OpenAPI', () => {
    it('documents both routes with the users:read scope and a schema of exactly the contract fields', async () => {
      const document = (await request('GET', '/openapi.json')).body;
      const many = document.paths['/api/users'].get;
      const single = document.paths['/api/users/{id}'].get;
      for (const operation of [many, single]) {
        expect(operation['x-required-scope']).toBe('users:read');
        expect(operation['x-minimum-role']).toBe('caseworker');
        expect(typeof operation.summary).toBe('string');
      }
      expect(Object.keys(many.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
      expect(Object.keys(single.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404']));
      const schema = document.components.schemas.UserResponse;
      expect(Object.keys(schema.properties).toSorted()).toEqual(USER_FIELDS);
      expect(schema.properties.role.enum).toEqual([...ROLES]);
      expect(JSON.stringify(document.components.schemas)).not.toMatch(/passwordHash/);
    });
  });
});
