import { rm } from 'node:fs/promises';
import { Client } from 'pg';
import { RUN_DIR_VARIABLE } from '../support/leak-registry';
import { describeLeaks, scanRun } from '../support/leak-scan';

/**
 * The leak scan over the whole run (every log line and audit row, for every resident value and
 * key the tests registered), then the database goes. A leak fails the run: the report is
 * printed, the run directory kept, and the exit code made 1 — set as the process exits, so the
 * test summary still prints and nothing (not even `--forceExit`) turns the run green again.
 */
async function leakScan(): Promise<void> {
  const runDir = process.env[RUN_DIR_VARIABLE];
  const databaseUrl = process.env.DATABASE_URL;
  if (!runDir || !databaseUrl) return;
  const started = Date.now();
  const report = await scanRun(runDir, databaseUrl);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary =
    `Leak scan: ${report.values} resident values and keys, ${report.logLines} log lines, ` +
    `${report.auditRows} audit rows (${seconds}s)`;
  if (report.leaks.length === 0) {
    process.stdout.write(`\n${summary}: nothing leaked\n`);
    await rm(runDir, { recursive: true, force: true });
    return;
  }
  const message = `${summary}: ${report.leaks.length} LEAKS (logs kept in ${runDir})\n${describeLeaks(report.leaks)}\n`;
  process.stderr.write(`\n${message}`);
  process.on('exit', () => {
    process.stderr.write(`\nThe run failed its leak scan:\n${message}`);
    process.exitCode = 1;
  });
}

async function dropDatabase(): Promise<void> {
  const stopEmbedded = (globalThis as { stopTestDatabase?: () => Promise<void> }).stopTestDatabase;
  if (stopEmbedded) return stopEmbedded();
  const serverUrl = process.env.WARDLINE_TEST_SERVER_URL;
  if (!serverUrl) return;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS wardline_test_${process.pid} WITH (FORCE)`);
  await client.end();
}

export default async function globalTeardown(): Promise<void> {
  try {
    await leakScan();
  } finally {
    await dropDatabase();
  }
}
