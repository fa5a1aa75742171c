import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { appUrlFrom } from '../../libs/database/src/data-source';
import { startEmbeddedPostgres } from '../../libs/database/src/embedded-postgres';
import { prepareDatabase } from '../../libs/database/src/prepare-database';
import { RUN_DIR_VARIABLE } from '../support/leak-registry';

const testDatabaseName = () => `wardline_test_${process.pid}`;

async function createDatabase(serverUrl: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  const name = testDatabaseName();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The run's directory of logs and registered values, keyed by the run's pid like its database. */
export const testRunDir = () => join(__dirname, '..', '..', '.data', `test-run-${process.pid}`);

/**
 * One fresh, migrated database per test run: on the server in `DATABASE_URL` when set,
 * otherwise on an embedded PostgreSQL started here; and the run's directory for the leak scan
 * (test/support/leak-scan.ts). Workers inherit `DATABASE_URL` and `WARDLINE_TEST_RUN_DIR`.
 */
export default async function globalSetup(): Promise<void> {
  const runDir = testRunDir();
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { recursive: true });
  process.env[RUN_DIR_VARIABLE] = runDir;
  const serverUrl = process.env.DATABASE_URL;
  let databaseUrl: string;
  if (serverUrl) {
    databaseUrl = await createDatabase(serverUrl);
    process.env.WARDLINE_TEST_SERVER_URL = serverUrl;
  } else {
    const dataDir = `.data/test-${process.pid}`;
    const embedded = await startEmbeddedPostgres(dataDir, { persistent: false });
    databaseUrl = embedded.url;
    (globalThis as { stopTestDatabase?: () => Promise<void> }).stopTestDatabase = async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  await prepareDatabase(databaseUrl, appUrlFrom(databaseUrl));
  process.env.DATABASE_URL = databaseUrl;
}
