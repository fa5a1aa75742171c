import { createHash } from 'node:crypto';
import { Client } from 'pg';
import {
  cli,
  databaseUrl,
  ensureCliBuilt,
  fails,
  json,
  newTenant,
  newUser,
  spawnAndCollect,
  suffix,
} from './cli-harness';

// Every test spawns the CLI several times (~0.5 s each, more on a busy machine).
jest.setTimeout(120_000);
const KEY_PATTERN = /^wl_[0-9A-Za-z]{38}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('operator CLI', () => {
  let db: Client;

  beforeAll(ensureCliBuilt, 180_000);

  beforeAll(async () => {
    db = new Client({ connectionString: databaseUrl() });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
  });

  const counts = async (tenantId: string) => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM wards WHERE tenant_id = $1) AS wards,
              (SELECT count(*)::int FROM categories WHERE tenant_id = $1) AS categories,
              (SELECT count(*)::int FROM users WHERE tenant_id = $1) AS users`,
      [tenantId],
    );
    return rows[0] as { wards: number; categories: number; users: number };
  };

  describe('tenant', () => {
    it('create --json prints {id,name,slug,plan,status}, deriving the slug from the name', async () => {
      const name = `Riverside District Council ${suffix()}`;
      const tenant = await json(['tenant', 'create', '--name', name, '--plan', 'pro']);
      expect(Object.keys(tenant).toSorted()).toEqual(['id', 'name', 'plan', 'slug', 'status']);
      expect(tenant).toEqual({
        id: expect.stringMatching(UUID_PATTERN),
        name,
        slug: name.toLowerCase().replace(/ /g, '-'),
        plan: 'pro',
        status: 'active',
      });
      const { rows } = await db.query('SELECT name, slug, plan, status FROM tenants WHERE id = $1', [tenant.id]);
      expect(rows).toEqual([{ name, slug: tenant.slug, plan: 'pro', status: 'active' }]);
    });

    it('refuses a slug that is taken, with a message naming it', async () => {
      const slug = `taken-${suffix()}`;
      await json(['tenant', 'create', '--name', 'First', '--plan', 'pro', '--slug', slug]);
      const run = await fails(['tenant', 'create', '--name', 'Second', '--plan', 'pro', '--slug', slug, '--json']);
      expect(run.stderr).toContain(`A tenant with slug "${slug}" already exists`);
    });

    it('refuses an unknown plan and an invalid slug', async () => {
      const plan = await fails(['tenant', 'create', '--name', 'X', '--plan', 'gold', '--json']);
      expect(plan.stderr).toMatch(/gold.*free, team, pro, council/);
      const slug = await fails(['tenant', 'create', '--name', 'X', '--plan', 'pro', '--slug', 'Bad_Slug', '--json']);
      expect(slug.stderr).toContain('Invalid slug "Bad_Slug"');
    });

    it('set-plan, suspend and activate, by slug or id', async () => {
      const tenant = await newTenant('pro');
      expect(await json(['tenant', 'set-plan', tenant.slug, 'council'])).toMatchObject({
        id: tenant.id,
        plan: 'council',
      });
      expect(await json(['tenant', 'suspend', tenant.id])).toMatchObject({ slug: tenant.slug, status: 'suspended' });
      let { rows } = await db.query('SELECT plan, status FROM tenants WHERE id = $1', [tenant.id]);
      expect(rows).toEqual([{ plan: 'council', status: 'suspended' }]);

      expect(await json(['tenant', 'activate', tenant.slug])).toMatchObject({ status: 'active' });
      ({ rows } = await db.query('SELECT status FROM tenants WHERE id = $1', [tenant.id]));
      expect(rows).toEqual([{ status: 'active' }]);

      const human = await cli(['tenant', 'suspend', tenant.slug]);
      expect(human.status).toBe(0);
      expect(human.stdout).toContain(`Suspended tenant`);
      expect(human.stdout).toContain(tenant.slug);
    });

    it('answers non-zero for an unknown tenant', async () => {
      const missing = `missing-${suffix()}`;
      for (const args of [
        ['tenant', 'set-plan', missing, 'pro'],
        ['tenant', 'suspend', missing],
        ['apikey', 'list', '--tenant', missing],
        ['user', 'create', '--tenant', missing, '--email', 'a@example.test', '--name', 'A', '--role', 'admin'],
        ['seed', 'demo', '--tenant', missing],
      ]) {
        const run = await fails([...args, '--json']);
        expect(run.stderr).toContain(`No tenant with id or slug "${missing}"`);
      }
    }, 60_000);
  });

  describe('user', () => {
    it('create --json never shows the password hash, stores argon2id, and disable works', async () => {
      const tenant = await newTenant();
      const email = `jo.${suffix()}@example.test`;
      const user = await json([
        'user',
        'create',
        '--tenant',
        tenant.slug,
        '--email',
        email,
        '--name',
        'Jo Bloggs',
        '--role',
        'manager',
        '--password',
        'correct horse battery',
      ]);
      expect(user).toMatchObject({
        id: expect.stringMatching(UUID_PATTERN),
        email,
        name: 'Jo Bloggs',
        role: 'manager',
      });
      expect(user.enabled).toBe(true);
      expect(JSON.stringify(user)).not.toMatch(/password|argon/i);
      const { rows } = await db.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);

      const duplicate = await fails([
        'user',
        'create',
        '--tenant',
        tenant.id,
        '--email',
        email.toUpperCase(),
        '--name',
        'Again',
        '--role',
        'admin',
        '--json',
      ]);
      expect(duplicate.stderr).toContain('already exists');
      const role = await fails([
        'user',
        'create',
        '--tenant',
        tenant.id,
        '--email',
        'x@example.test',
        '--name',
        'X',
        '--role',
        'boss',
      ]);
      expect(role.stderr).toMatch(/boss.*caseworker, councillor, manager, admin/);

      expect(await json(['user', 'disable', user.id])).toMatchObject({ id: user.id, enabled: false });
      const after = await db.query('SELECT enabled FROM users WHERE id = $1', [user.id]);
      expect(after.rows).toEqual([{ enabled: false }]);
      expect((await fails(['user', 'disable', 'not-a-user'])).stderr).toContain('No user with id "not-a-user"');
    });
  });

  describe('apikey', () => {
    it('create shows the key once and stores only its SHA-256', async () => {
      const tenant = await newTenant('pro');
      const owner = await newUser(tenant.slug);
      const created = await json([
        'apikey',
        'create',
        '--tenant',
        tenant.slug,
        '--owner',
        owner.email,
        '--name',
        'Website contact form',
        '--scopes',
        'cases:write,cases:read',
      ]);
      expect(Object.keys(created).toSorted()).toEqual(['expiresAt', 'id', 'key', 'prefix', 'scopes']);
      expect(created.key).toMatch(KEY_PATTERN);
      expect(created.prefix).toBe(created.key.slice(0, 11));
      expect(created.scopes).toEqual(['cases:write', 'cases:read']);
      expect(created.expiresAt).toBeNull();

      const { rows } = await db.query('SELECT * FROM api_keys WHERE id = $1', [created.id]);
      expect(rows).toHaveLength(1);
      const row = rows[0];
      expect(Buffer.isBuffer(row.key_hash)).toBe(true);
      expect(row.key_hash.equals(createHash('sha256').update(created.key).digest())).toBe(true);
      expect(row).toMatchObject({ tenant_id: tenant.id, owner_id: owner.id, prefix: created.prefix, revoked_at: null });
      const stored = JSON.stringify(
        Object.values(row).map((value) => (Buffer.isBuffer(value) ? value.toString('latin1') : value)),
      );
      expect(stored).not.toContain(created.key);
      expect(stored).not.toContain(created.key.slice(11));
    });

    it('takes the owner by id and an expiry in the future', async () => {
      const tenant = await newTenant('council');
      const owner = await newUser(tenant.id, 'caseworker');
      const created = await json([
        'apikey',
        'create',
        '--tenant',
        tenant.id,
        '--owner',
        owner.id,
        '--name',
        'Reports',
        '--scopes',
        'reports:read',
        '--expires-at',
        '2099-01-31T18:00:00Z',
      ]);
      expect(created.expiresAt).toBe('2099-01-31T18:00:00.000Z');
    });

    it('refuses scopes outside the plan, unknown scopes, plans without API access and bad input', async () => {
      const tenant = await newTenant('pro');
      const owner = await newUser(tenant.slug);
      const create = (scopes: string, extra: string[] = [], on = tenant.slug) =>
        fails([
          'apikey',
          'create',
          '--tenant',
          on,
          '--owner',
          owner.email,
          '--name',
          'k',
          '--scopes',
          scopes,
          ...extra,
          '--json',
        ]);

      const outside = await create('cases:read,reports:read');
      expect(outside.stderr).toContain('Scope not included in the pro plan: reports:read (');

      expect((await create('cases:read,bogus:scope')).stderr).toContain('Unknown scope: bogus:scope');
      expect((await create(',')).stderr).toContain('At least one scope is required');
      expect((await create('cases:read', ['--expires-at', '2001-01-01T00:00:00Z'])).stderr).toContain('in the future');
      expect((await create('cases:read', ['--expires-at', 'next week'])).stderr).toContain('ISO-8601');

      await json(['tenant', 'set-plan', tenant.slug, 'team']);
      const team = await create('cases:read');
      expect(team.stderr).toContain('team plan has no API access');

      const other = await newTenant('council');
      expect((await create('cases:read', [], other.slug)).stderr).toContain(`No user "${owner.email}"`);

      const { rows } = await db.query('SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = $1', [tenant.id]);
      expect(rows).toEqual([{ n: 0 }]);
    }, 60_000);

    it('refuses a disabled owner', async () => {
      const tenant = await newTenant('pro');
      const owner = await newUser(tenant.slug);
      await json(['user', 'disable', owner.id]);
      const run = await fails([
        'apikey',
        'create',
        '--tenant',
        tenant.slug,
        '--owner',
        owner.id,
        '--name',
        'k',
        '--scopes',
        'cases:read',
      ]);
      expect(run.stderr).toContain('is disabled');
    });

    it('list --json shows active, revoked and expired keys; revoke is idempotent', async () => {
      const tenant = await newTenant('council');
      const owner = await newUser(tenant.slug, 'councillor');
      const create = (name: string) =>
        json([
          'apikey',
          'create',
          '--tenant',
          tenant.slug,
          '--owner',
          owner.id,
          '--name',
          name,
          '--scopes',
          'news:write',
        ]);
      const active = await create('active');
      const revoked = await create('revoked');
      const expired = await create('expired');
      await db.query(`UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);

      const first = await json(['apikey', 'revoke', revoked.id]);
      expect(first).toMatchObject({ id: revoked.id, status: 'revoked', revokedAt: expect.stringMatching(ISO_PATTERN) });
      const again = await json(['apikey', 'revoke', revoked.id]);
      expect(again.revokedAt).toBe(first.revokedAt);
      expect((await fails(['apikey', 'revoke', '00000000-0000-0000-0000-000000000000'])).stderr).toContain(
        'No API key',
      );

      const list = await json(['apikey', 'list', '--tenant', tenant.id]);
      expect(Object.keys(list)).toEqual(['apiKeys']);
      const byName = Object.fromEntries(list.apiKeys.map((key: { name: string }) => [key.name, key]));
      expect(list.apiKeys).toHaveLength(3);
      expect(byName.active).toEqual({
        id: active.id,
        name: 'active',
        prefix: active.prefix,
        scopes: ['news:write'],
        owner: { id: owner.id, name: 'Test councillor', email: owner.email },
        createdAt: expect.stringMatching(ISO_PATTERN),
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: null,
        status: 'active',
      });
      expect(byName.revoked).toMatchObject({ status: 'revoked', revokedAt: first.revokedAt });
      expect(byName.expired).toMatchObject({ status: 'expired', expiresAt: expect.stringMatching(ISO_PATTERN) });
      expect(JSON.stringify(list)).not.toContain(active.key);

      const human = await cli(['apikey', 'list', '--tenant', tenant.slug]);
      expect(human.status).toBe(0);
      expect(human.stdout).toMatch(/revoked/);
      expect(human.stdout).not.toContain(active.key);
    }, 60_000);
  });

  describe('seed demo', () => {
    it('seeds wards, categories and users once: running it again changes nothing', async () => {
      const tenant = await newTenant('council', 'seed');
      const first = await json(['seed', 'demo', '--tenant', tenant.slug, '--cases', '5']);
      expect(first).toMatchObject({
        tenant: { id: tenant.id },
        tenantCreated: false,
        cases: { requested: 5, created: 5 },
      });
      expect(first.wards.created).toBeGreaterThanOrEqual(8);
      expect(first.categories.created).toBeGreaterThanOrEqual(8);
      expect(first.users.created).toBe(6);
      const afterFirst = await counts(tenant.id);
      expect(afterFirst).toEqual({
        wards: first.wards.created,
        categories: first.categories.created,
        users: first.users.created,
      });

      const second = await json(['seed', 'demo', '--tenant', tenant.id]);
      expect(second.cases).toEqual({ requested: 0, created: 0 });
      expect(second.wards).toEqual({ created: 0, existing: first.wards.created });
      expect(second.categories).toEqual({ created: 0, existing: first.categories.created });
      expect(second.users).toEqual({ created: 0, existing: first.users.created });
      expect(await counts(tenant.id)).toEqual(afterFirst);

      const { rows: roles } = await db.query('SELECT DISTINCT role FROM users WHERE tenant_id = $1 ORDER BY role', [
        tenant.id,
      ]);
      expect(roles.map((row) => row.role)).toEqual(['admin', 'caseworker', 'councillor', 'manager']);
      const { rows: councillors } = await db.query(
        `SELECT ward_ids, party, bio FROM users WHERE tenant_id = $1 AND role = 'councillor'`,
        [tenant.id],
      );
      expect(councillors).toHaveLength(2);
      for (const councillor of councillors) {
        expect(councillor.ward_ids.length).toBeGreaterThan(0);
        expect(councillor.party).toBeTruthy();
      }
      const { rows: wards } = await db.query('SELECT gss_code FROM wards WHERE tenant_id = $1', [tenant.id]);
      for (const ward of wards) expect(ward.gss_code).toMatch(/^E05\d{6}$/);
      const { rows: children } = await db.query(
        'SELECT count(*)::int AS n FROM categories WHERE tenant_id = $1 AND parent_id IS NOT NULL',
        [tenant.id],
      );
      expect(children[0].n).toBeGreaterThanOrEqual(1);
    }, 60_000);

    it('without --tenant, seeds the demo-borough council tenant, idempotently', async () => {
      const first = await json(['seed', 'demo']);
      expect(first.tenant).toMatchObject({ name: 'Demo Borough Council', slug: 'demo-borough', plan: 'council' });
      const before = await counts(first.tenant.id);
      const second = await json(['seed', 'demo']);
      expect(second.tenant.id).toBe(first.tenant.id);
      expect(second.tenantCreated).toBe(false);
      expect(await counts(first.tenant.id)).toEqual(before);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM tenants WHERE slug = 'demo-borough'`);
      expect(rows).toEqual([{ n: 1 }]);
    }, 60_000);
  });

  describe('process', () => {
    it('migrate --json lists the migrations it applied (none on a migrated database)', async () => {
      expect(await json(['migrate'])).toEqual({ applied: [] });
    });

    it('a configuration error exits 2 with the variable named', async () => {
      const run = await fails(['migrate'], { DATABASE_URL: 'mysql://nope' });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('DATABASE_URL');
    });

    it('usage errors exit 2 with one line', async () => {
      const run = await fails(['tenant', 'create', '--plan', 'pro']);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("required option '--name <name>'");
    });

    it('`npm run -s cli -- ... --json` prints only the JSON', async () => {
      const slug = `npm-${suffix()}`;
      const run = await spawnAndCollect('npm', [
        'run',
        '-s',
        'cli',
        '--',
        'tenant',
        'create',
        '--name',
        'Via npm',
        '--plan',
        'pro',
        '--slug',
        slug,
        '--json',
      ]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ slug, plan: 'pro', status: 'active' });
      expect(run.stdout.trim().split('\n')).toHaveLength(1);
    }, 120_000);
  });
});
