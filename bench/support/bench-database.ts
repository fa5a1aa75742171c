import { Client } from 'pg';
import { AppConfig } from '@wardline/common';
import { appUrlFrom, type DatabaseEndpoint, openDatabaseEndpoint, prepareDatabase } from '@wardline/database';

/** Where the bench keeps its embedded PostgreSQL and its state (keys, tenant ids): never the app's `.data`. */
export const BENCH_DATA_DIR = process.env.BENCH_DATA_DIR ?? '.data-bench';
/** On the server in `DATABASE_URL`, the bench uses a database of its own. */
export const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'wardline_bench';

const withDatabase = (serverUrl: string, name: string): string => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Creates the database of `url` on its server when missing; `fresh` drops it first. */
async function ensureDatabase(url: string, fresh: boolean): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/**
 * The bench's database: `BENCH_DATABASE` on the server in `DATABASE_URL`, or the embedded
 * PostgreSQL in `BENCH_DATA_DIR`; created when missing (`fresh`: emptied first), then migrated
 * and granted as an API start does.
 */
export async function openBenchDatabase(fresh = false): Promise<DatabaseEndpoint> {
  const serverUrl = process.env.DATABASE_URL;
  let endpoint: DatabaseEndpoint;
  if (serverUrl) {
    const ownerUrl = withDatabase(serverUrl, BENCH_DATABASE);
    endpoint = { ownerUrl, appUrl: appUrlFrom(ownerUrl), embedded: false, stop: async () => undefined };
  } else {
    endpoint = await openDatabaseEndpoint(new AppConfig({ WARDLINE_DATA_DIR: BENCH_DATA_DIR }));
  }
  await ensureDatabase(endpoint.ownerUrl, fresh);
  await prepareDatabase(endpoint.ownerUrl, endpoint.appUrl);
  return endpoint;
}
