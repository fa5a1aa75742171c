import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { isProcessAlive } from './api-process-record';
import { embeddedRuntime } from './embedded-postgres-runtime';

export interface EmbeddedDatabase {
  url: string;
  /** The server's data folder. */
  databaseDir: string;
  /** True when another process already ran the server and this one connected to it. */
  joined: boolean;
  /** Where the server keeps its data when that is not under the data dir (running as root). */
  relocatedTo?: string;
  /** Stops the server if this process started it; a server someone else runs is left alone. */
  stop(): Promise<void>;
}

interface EmbeddedState {
  port: number;
  password: string;
}

const DATABASE_NAME = 'wardline';

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()));
    });
  });
}

async function loadState(stateFile: string): Promise<EmbeddedState> {
  if (existsSync(stateFile)) return JSON.parse(await readFile(stateFile, 'utf8')) as EmbeddedState;
  const state = { port: await freePort(), password: randomBytes(18).toString('base64url') };
  await writeFile(stateFile, JSON.stringify(state), { mode: 0o600 });
  return state;
}

/** True when a postmaster (ours, from another process) is already serving this data dir. */
async function runningPostmaster(databaseDir: string): Promise<boolean> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  return isProcessAlive(Number((await readFile(pidFile, 'utf8')).split('\n')[0]));
}

/**
 * A real PostgreSQL from the `embedded-postgres` package, kept in `<dataDir>/postgres`
 * between runs. If another Wardline process already runs it (the API while the CLI is
 * used), this one connects to it instead of starting a second server.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { persistent?: boolean; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  await mkdir(root, { recursive: true });
  const { EmbeddedPostgres, databaseDir, relocatedTo } = await embeddedRuntime(root);
  const state = await loadState(join(root, 'postgres.json'));
  const url = `postgres://postgres:${state.password}@127.0.0.1:${state.port}/${DATABASE_NAME}`;
  if (await runningPostmaster(databaseDir)) {
    return { url, databaseDir, joined: true, relocatedTo, stop: async () => undefined };
  }

  const server = new EmbeddedPostgres({
    databaseDir,
    port: state.port,
    user: 'postgres',
    password: state.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (error) => options.log?.(String(error)),
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  try {
    if (fresh) await server.initialise();
    await server.start();
    if (fresh) await server.createDatabase(DATABASE_NAME);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(
      `the embedded PostgreSQL in ${databaseDir} did not start (${reason}); set DATABASE_URL to a PostgreSQL server you run instead`,
      { cause: error },
    );
  }
  let stopped = false;
  return {
    url,
    databaseDir,
    joined: false,
    relocatedTo,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
