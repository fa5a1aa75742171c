import type { DataSource } from 'typeorm';
import { APP_ROLE, openDataSource, passwordOf, roleOf } from './data-source';
import { type TableAccess, TABLES, TENANT_TABLE_NAMES } from './schema/tables';
import { tenantIsolationSql } from './schema/tenant-isolation.sql';

const APP_FUNCTIONS = [
  'wardline_authenticate(bytea)',
  'wardline_touch_api_keys(uuid[], timestamptz[])',
  'wardline_purge_idempotency_keys()',
  'wardline_claim_webhook_deliveries(timestamptz, integer, integer, integer)',
  'wardline_retention_tenants()',
  'wardline_public_form_tenant(text)',
  'wardline_sign_in_candidates(text)',
  'wardline_dashboard_session(bytea)',
];

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function ensureAppRole(owner: DataSource, role: string, password: string | undefined): Promise<void> {
  const [{ exists }] = (await owner.query('SELECT exists(SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists', [
    role,
  ])) as { exists: boolean }[];
  const passwordClause = password === undefined ? 'PASSWORD NULL' : `PASSWORD ${quoteLiteral(password)}`;
  if (!exists) {
    await owner.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOBYPASSRLS ${passwordClause}`);
  } else {
    // Roles belong to the whole server: another database's start may be altering it right now.
    for (let attempt = 1; ; attempt++) {
      try {
        await owner.query(`ALTER ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOBYPASSRLS ${passwordClause}`);
        return;
      } catch (error) {
        if (attempt >= 5 || !/tuple concurrently updated/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, attempt * 50));
      }
    }
  }
}

async function grantAppRole(owner: DataSource, role: string): Promise<void> {
  const grantee = quoteIdent(role);
  const database = quoteIdent(owner.driver.database ?? 'postgres');
  // One transaction: running instances never see the moment between revoke and grant.
  await owner.transaction(async (manager) => {
    await manager.query(`GRANT CONNECT ON DATABASE ${database} TO ${grantee}`);
    await manager.query(`GRANT USAGE ON SCHEMA public TO ${grantee}`);
    for (const [table, access] of Object.entries(TABLES) as [string, TableAccess][]) {
      await manager.query(`REVOKE ALL ON ${table} FROM ${grantee}`);
      await manager.query(`GRANT ${access.privileges.join(', ')} ON ${table} TO ${grantee}`);
      if (access.updatableColumns) {
        await manager.query(`GRANT UPDATE (${access.updatableColumns.join(', ')}) ON ${table} TO ${grantee}`);
      }
    }
    for (const table of TENANT_TABLE_NAMES) await manager.query(tenantIsolationSql(table));
    for (const fn of APP_FUNCTIONS) await manager.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${grantee}`);
  });
}

/**
 * Runs as the owner: migrations, the application role and its grants. Idempotent, so every
 * start (and the CLI's `migrate`) may call it.
 */
export async function prepareDatabase(ownerUrl: string, appUrl: string): Promise<string[]> {
  // One connection, so the advisory lock is held by the session that does the work.
  const owner = await openDataSource(ownerUrl, 1);
  try {
    // Two instances starting together must not both migrate.
    await owner.query('SELECT pg_advisory_lock(hashtext($1))', ['wardline.prepare']);
    const applied = await owner.runMigrations({ transaction: 'each' });
    const appRole = roleOf(appUrl);
    if (appRole === roleOf(ownerUrl)) {
      throw new Error('The application must not connect as the owner of the tables (DATABASE_APP_URL)');
    }
    if (appRole === APP_ROLE) await ensureAppRole(owner, appRole, passwordOf(appUrl));
    await grantAppRole(owner, appRole);
    await owner.query('SELECT pg_advisory_unlock(hashtext($1))', ['wardline.prepare']);
    return applied.map((migration) => migration.name);
  } finally {
    await owner.destroy();
  }
}
