import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const stopEmbedded = (globalThis as { stopTestDatabase?: () => Promise<void> }).stopTestDatabase;
  if (stopEmbedded) return stopEmbedded();
  const serverUrl = process.env.WARDLINE_TEST_SERVER_URL;
  if (!serverUrl) return;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS wardline_test_${process.pid} WITH (FORCE)`);
  await client.end();
}
