import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseEndpoint } from '@wardline/database';
import { BENCH_DATA_DIR } from './bench-database';
import type { Load, LoadResult } from './load';

/** First of the ports the bench's processes listen on; set it apart to run two benches at once. */
export const BENCH_PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 38_100);

/** Signs the cursors of every API the bench starts, so the bench can make a deep one. */
export const BENCH_CURSOR_SECRET = 'bench-cursor-secret-not-for-production-use';
const NO_LIMIT = '1000000';
export const ROOT = join(__dirname, '..', '..', '..');
/** The API the bench starts: this checkout's build, or `BENCH_API_MAIN` (e.g. a copy of `dist/` from before a change). */
export const API_MAIN = process.env.BENCH_API_MAIN ?? join(ROOT, 'dist/apps/api/src/main.js');
export const BENCH_DIST = join(ROOT, 'dist/bench');
const MIB = 1024 * 1024;

/** The API's environment in the bench: production build, logs at warn, rate limits out of the way. */
export function benchApiEnv(endpoint: DatabaseEndpoint): Record<string, string> {
  return {
    DATABASE_URL: endpoint.ownerUrl,
    DATABASE_APP_URL: endpoint.appUrl,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: NO_LIMIT,
    RATE_LIMIT_PER_MINUTE_PRO: NO_LIMIT,
    RATE_LIMIT_PER_MINUTE_COUNCIL: NO_LIMIT,
    RATE_LIMIT_FAILED_AUTH_PER_MINUTE: NO_LIMIT,
    CURSOR_SECRET: BENCH_CURSOR_SECRET,
    // The webhook row delivers to a receiver on loopback.
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WARDLINE_DATA_DIR: join(BENCH_DATA_DIR, 'api'),
  };
}

export interface Started {
  child: ChildProcess;
  url: string;
  /** ms from spawn to the first successful answer of `readyPath`. */
  readyMs: number;
  stop(): Promise<void>;
}

/** Resident set size of a process, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kib * 1024) / MIB);
}

/** Samples a process's RSS every 100 ms until stopped; returns the peak. */
export function rssSampler(pid: number): { stop(): number } {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      clearInterval(timer);
    }
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `node script` with `env` and waits (up to `timeoutMs`) until `readyPath` answers 200;
 * `nodeArgs` e.g. `--cpu-prof`. The child's stderr is passed through; stdout goes to `logFile` (else nowhere).
 */
export async function startProcess(
  script: string,
  port: number,
  readyPath: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[]; timeoutMs?: number; logFile?: string } = {},
): Promise<Started> {
  const started = performance.now();
  const log = options.logFile ? openSync(options.logFile, 'a') : 'ignore';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', log, 'inherit'],
    cwd: ROOT,
  });
  if (typeof log === 'number') closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before it was ready`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} was not ready in time`);
    }
    const ok = await fetch(`${url}${readyPath}`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) break;
    await sleep(50);
  }
  const readyMs = performance.now() - started;
  return {
    child,
    url,
    readyMs,
    stop: () => stopChild(child, exited),
  };
}

/** SIGTERM, then SIGKILL after 15 s. */
async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Runs one autocannon load from a separate process (`dist/bench/drive.js`). */
export function drive(load: Load): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(BENCH_DIST, 'drive.js'), JSON.stringify(load)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`drive exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) as string) as LoadResult);
    });
  });
}

/** Starts `node script` that serves no HTTP (the webhook worker); `readyMs` is 0. */
export async function startDaemon(script: string, env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: ROOT,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    url: '',
    readyMs: 0,
    stop: () => stopChild(child, exited),
  };
}
