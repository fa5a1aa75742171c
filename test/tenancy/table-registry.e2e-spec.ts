import { TABLES, TENANT_TABLE_NAMES } from '@wardline/database';
import { Fixtures } from '../support/fixtures';

/** The schema's one list of tables is the truth that grants and row-level security come from. */
describe('table registry', () => {
  let fixtures: Fixtures;
  beforeAll(async () => (fixtures = await Fixtures.open()));
  afterAll(() => fixtures.close());

  it('names every table of the schema', async () => {
    const rows = (await fixtures.owner.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
    )) as { tablename: string }[];
    expect(rows.map((row) => row.tablename).toSorted()).toEqual(Object.keys(TABLES).toSorted());
  });

  it('forces row-level security with the tenant policy on every table that has a tenant_id', async () => {
    const rows = (await fixtures.owner.query(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             exists(SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant_isolation'
                      AND p.qual LIKE '%wardline_current_tenant()%') AS policy
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND exists(SELECT 1 FROM information_schema.columns col
                     WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'tenant_id')
    `)) as { table: string; enabled: boolean; forced: boolean; policy: boolean }[];
    expect(rows.map((row) => row.table).toSorted()).toEqual([...TENANT_TABLE_NAMES].toSorted());
    for (const row of rows) expect(row).toEqual({ table: row.table, enabled: true, forced: true, policy: true });
  });

  it('grants the application role exactly the listed privileges', async () => {
    const rows = (await fixtures.owner.query(`
      SELECT table_name AS table, string_agg(privilege_type, ',' ORDER BY privilege_type) AS privileges
        FROM information_schema.role_table_grants
       WHERE grantee = 'wardline_app' AND table_schema = 'public'
       GROUP BY table_name
    `)) as { table: string; privileges: string }[];
    const granted = Object.fromEntries(rows.map((row) => [row.table, row.privileges.split(',')]));
    for (const [table, access] of Object.entries(TABLES)) {
      expect({ table, privileges: granted[table] ?? [] }).toEqual({
        table,
        privileges: [...access.privileges].toSorted(),
      });
    }
  });

  it('lets the application role change only the listed columns of tenants, users, api_keys and case_events', async () => {
    const rows = (await fixtures.owner.query(`
      SELECT table_name AS table, column_name AS column
        FROM information_schema.column_privileges
       WHERE grantee = 'wardline_app' AND privilege_type = 'UPDATE' AND table_name IN ('tenants', 'users', 'api_keys', 'case_events')
    `)) as { table: string; column: string }[];
    const updatable = (table: string) =>
      rows
        .filter((row) => row.table === table)
        .map((row) => row.column)
        .toSorted();
    expect(updatable('tenants')).toEqual([...TABLES.tenants.updatableColumns].toSorted());
    expect(updatable('tenants')).not.toContain('plan');
    expect(updatable('tenants')).not.toContain('status');
    expect(updatable('users')).not.toContain('role');
    expect(updatable('users')).not.toContain('enabled');
    expect(updatable('api_keys')).toEqual([...TABLES.api_keys.updatableColumns].toSorted());
    // Anonymisation rewrites what a timeline entry holds, never who made it, when or of which case.
    expect(updatable('case_events')).toEqual(['data']);
  });
});
