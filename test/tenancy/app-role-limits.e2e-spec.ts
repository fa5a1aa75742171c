import { appUrlFrom } from '@wardline/database';
import { Client } from 'pg';
import { Fixtures, type KeyedUser } from '../support/fixtures';

/** What the API's own database role cannot do, even with a tenant set (attack review, finding 10). */
describe('the application role can do only what the API needs', () => {
  let fixtures: Fixtures;
  let a: KeyedUser;
  let b: KeyedUser;
  let client: Client;

  beforeAll(async () => {
    fixtures = await Fixtures.open();
    [a, b] = await Promise.all([fixtures.keyedUser('pro', 'admin'), fixtures.keyedUser('pro', 'admin')]);
    client = new Client({ connectionString: appUrlFrom(process.env.DATABASE_URL as string) });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await fixtures.close();
  });

  const lastUsed = async (keyId: string) =>
    (
      (await fixtures.owner.query('SELECT last_used_at FROM api_keys WHERE id = $1', [keyId])) as {
        last_used_at: Date | null;
      }[]
    )[0].last_used_at;

  /** Runs `sql` as the application role in a transaction bound to `tenantId` (or none), rolled back. */
  async function asApp(tenantId: string | null, sql: string, params: unknown[] = []) {
    await client.query('BEGIN');
    try {
      if (tenantId) await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      return await client.query(sql, params);
    } finally {
      await client.query('ROLLBACK');
    }
  }

  it.each([
    ['its plan', `UPDATE tenants SET plan = 'council'`],
    ['its status', `UPDATE tenants SET status = 'active'`],
    ['a user role', `UPDATE users SET role = 'admin'`],
    ['whether a user is enabled', `UPDATE users SET enabled = true`],
    ['a key’s scopes', `UPDATE api_keys SET scopes = '{audit:read}'`],
    ['a new tenant', `INSERT INTO tenants (name, slug, plan) VALUES ('x', 'x-${Date.now()}', 'council')`],
    ['report counts (the database keeps them from cases)', `UPDATE case_day_counts SET cases = cases + 1`],
    ['report histograms', `DELETE FROM case_day_durations`],
    ['list totals (the database keeps them from cases)', `UPDATE case_list_counts SET cases = cases + 1`],
  ])('cannot change %s, even inside its own tenant', async (_what, sql) => {
    await expect(asApp(a.tenant.id, sql)).rejects.toThrow(/permission denied/);
  });

  it('moves lastUsedAt only for the keys of the tenant it is bound to', async () => {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenant.id]);
    await client.query('SELECT wardline_touch_api_keys(ARRAY[$1]::uuid[], ARRAY[now()]::timestamptz[])', [b.keyId]);
    await client.query('COMMIT');
    expect(await lastUsed(b.keyId)).toBeNull();

    await client.query('SELECT wardline_touch_api_keys(ARRAY[$1]::uuid[], ARRAY[now()]::timestamptz[])', [b.keyId]);
    expect(await lastUsed(b.keyId)).toBeNull();

    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenant.id]);
    await client.query(
      `SELECT wardline_touch_api_keys(ARRAY[$1]::uuid[], ARRAY['2999-01-01T00:00:00Z']::timestamptz[])`,
      [a.keyId],
    );
    await client.query('COMMIT');
    const touched = await lastUsed(a.keyId);
    expect(touched).not.toBeNull();
    // A use in the future is clamped to now: the column cannot be pushed ahead.
    expect((touched as Date).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
