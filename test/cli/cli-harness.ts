import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { registerKeysIn } from '../support/leak-registry';
import { appendToRunLog } from '../support/run-log';

/** Running the built operator CLI from the e2e suites. */
export const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
export const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

/** Builds the CLI when its sources changed (as `npm run cli` does); for a `beforeAll`. */
export const ensureCliBuilt = (): void =>
  void execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js')], { cwd: ROOT, stdio: 'inherit' });

/** Builds the API when its sources changed; for a `beforeAll` of suites that start it as a process. */
export const ensureApiBuilt = (): void =>
  void execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js'), '--app', 'api'], { cwd: ROOT });

/** The built API (`node main.js`) on DATABASE_URL with its own data dir, once it listens. */
export const startBuiltApi = (dataDir: string, env: NodeJS.ProcessEnv = {}) =>
  new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(process.execPath, [API_MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(),
        WARDLINE_DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Wardline is running')) resolve(child);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => reject(new Error(`the API exited ${code} before it ran: ${output}`)));
  });

/** SIGTERM to a process started here, and its exit, unless it has already exited. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const suffix = () => randomBytes(4).toString('hex');

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through jest (global setup)');
  return url;
}

export function spawnAndCollect(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      // Output may show a key once, as `keys create` does: the scan makes sure no log line does.
      registerKeysIn(stdout);
      appendToRunLog(stderr);
      resolve({ status, stdout, stderr });
    });
  });
}

/** The built CLI, as `npm run -s cli --` runs it, on the pinned Node. */
export const cli = (args: string[], env?: NodeJS.ProcessEnv) => spawnAndCollect(process.execPath, [CLI, ...args], env);

/** A `--json` command that must succeed: exactly one JSON object on stdout, nothing else. */
export async function json<T = any>(args: string[]): Promise<T> {
  const run = await cli([...args, '--json']);
  if (run.status !== 0) throw new Error(`cli ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  expect(run.stdout.endsWith('\n')).toBe(true);
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  const value = JSON.parse(run.stdout) as T;
  expect(typeof value).toBe('object');
  return value;
}

/** A command that must fail: non-zero exit, one line on stderr, nothing on stdout. */
export async function fails(args: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  const run = await cli(args, env);
  expect(run.status).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim()).not.toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return run;
}

export const newTenant = (plan = 'council', label = 'cli') =>
  json<{ id: string; slug: string; plan: string }>([
    'tenant',
    'create',
    '--name',
    `CLI ${label} ${suffix()}`,
    '--plan',
    plan,
  ]);

export const newUser = (tenant: string, role = 'admin') =>
  json<{ id: string; email: string }>([
    'user',
    'create',
    '--tenant',
    tenant,
    '--email',
    `${role}.${suffix()}@example.test`,
    '--name',
    `Test ${role}`,
    '--role',
    role,
  ]);
