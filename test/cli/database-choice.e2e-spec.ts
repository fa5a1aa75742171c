import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type EmbeddedDatabase, recordApiProcess, startEmbeddedPostgres } from '@wardline/database';
import { cli, ensureApiBuilt, ensureCliBuilt, fails, startBuiltApi, stopProcess, type Run } from './cli-harness';

// Each test starts a PostgreSQL cluster or the API (initdb and migrations: seconds each).
jest.setTimeout(180_000);

const WITHOUT_DATABASE_URL = { DATABASE_URL: '' };
const USING =
  /^Using the embedded PostgreSQL with its data in (\S+), (.+) \(set DATABASE_URL to use another database\)\n$/;

/** `migrate --json` that must succeed: one JSON object on stdout, whatever goes to stderr. */
function expectMigrated(run: Run): void {
  expect(run.status).toBe(0);
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  expect(JSON.parse(run.stdout)).toEqual({ applied: expect.any(Array) });
}

/** The folder the message names, and what it says about whose server it is. */
function usingMessage(run: Run): { databaseDir: string; whose: string } {
  const [, databaseDir, whose] = USING.exec(run.stderr) ?? [];
  expect(databaseDir).toBeDefined();
  return { databaseDir, whose };
}

describe('which database the operator CLI uses', () => {
  let dataDir: string;
  /** Cluster folders outside dataDir (as root they move where the postgres user can reach them). */
  const clusters: string[] = [];

  beforeAll(() => {
    ensureCliBuilt();
    ensureApiBuilt();
  }, 300_000);

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wardline-cli-data-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
    for (const folder of clusters.splice(0)) {
      if (!folder.startsWith(dataDir)) await rm(dirname(folder), { recursive: true, force: true });
    }
  });

  /** The CLI stops the cluster it started; the folder is left for the next command. */
  const cliStartedCluster = (run: Run) => {
    const { databaseDir, whose } = usingMessage(run);
    clusters.push(databaseDir);
    return { databaseDir, whose };
  };

  it('with DATABASE_URL set, says nothing beyond the command’s output and makes nothing in the data dir', async () => {
    const run = await cli(['migrate', '--json'], { WARDLINE_DATA_DIR: dataDir });
    expectMigrated(run);
    expect(run.stderr).toBe('');
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('without DATABASE_URL, starts the embedded PostgreSQL for the command and says where its data is', async () => {
    const run = await cli(['migrate', '--json'], { ...WITHOUT_DATABASE_URL, WARDLINE_DATA_DIR: dataDir });
    expectMigrated(run);
    const { databaseDir, whose } = cliStartedCluster(run);
    expect(whose).toBe('started for this command');
    expect(existsSync(join(databaseDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(databaseDir, 'postmaster.pid'))).toBe(false);
  });

  it('joins the embedded PostgreSQL the running API started, and says so', async () => {
    let database: EmbeddedDatabase | undefined;
    let forgetApi: (() => Promise<void>) | undefined;
    try {
      // What `npm start` does without DATABASE_URL, in this process.
      database = await startEmbeddedPostgres(dataDir, { persistent: false });
      clusters.push(database.databaseDir);
      forgetApi = await recordApiProcess(dataDir, true);
      const run = await cli(['migrate', '--json'], { ...WITHOUT_DATABASE_URL, WARDLINE_DATA_DIR: dataDir });
      expectMigrated(run);
      expect(usingMessage(run)).toEqual({
        databaseDir: database.databaseDir,
        whose: `the one the running API (pid ${process.pid}) started`,
      });
      // Joining never stops the server it found.
      expect(existsSync(join(database.databaseDir, 'postmaster.pid'))).toBe(true);
    } finally {
      await forgetApi?.();
      await database?.stop();
    }
    expect(await readdir(dataDir)).not.toContain('api-process.json');
  });

  it('ignores the record of an API that is no longer running', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(dataDir, 'api-process.json'), JSON.stringify({ pid: deadPid, embeddedDatabase: false }));
    const run = await cli(['migrate', '--json'], { ...WITHOUT_DATABASE_URL, WARDLINE_DATA_DIR: dataDir });
    expectMigrated(run);
    expect(cliStartedCluster(run).whose).toBe('started for this command');
  });

  describe('while the API runs on DATABASE_URL', () => {
    let api: ChildProcess | undefined;

    afterEach(async () => {
      await stopProcess(api);
      api = undefined;
    });

    it('the CLI without DATABASE_URL refuses in one sentence, exit 2, and creates no cluster', async () => {
      api = await startBuiltApi(dataDir);
      const record = await readFile(join(dataDir, 'api-process.json'), 'utf8');
      expect(JSON.parse(record)).toEqual({ pid: api.pid, embeddedDatabase: false });
      expect(record).not.toContain('postgres');

      const run = await fails(['migrate', '--json'], { ...WITHOUT_DATABASE_URL, WARDLINE_DATA_DIR: dataDir });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `The API running from this data dir (pid ${api.pid}) uses the database in its DATABASE_URL, not the embedded one: set DATABASE_URL to that database and run the command again.\n`,
      );
      expect(await readdir(dataDir)).toEqual(['api-process.json']);

      // With DATABASE_URL the same command runs, quietly.
      const withUrl = await cli(['migrate', '--json'], { WARDLINE_DATA_DIR: dataDir });
      expectMigrated(withUrl);
      expect(withUrl.stderr).toBe('');

      const exited = new Promise<number | null>((resolve) => api?.once('exit', resolve));
      api.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await readdir(dataDir)).toEqual([]);
    });

    it('the API still starts when it cannot write its record (a read-only data dir)', async () => {
      const notAFolder = join(dataDir, 'file');
      await writeFile(notAFolder, '');
      api = await startBuiltApi(join(notAFolder, 'data'));
      expect(await readdir(dataDir)).toEqual(['file']);
    });
  });
});
