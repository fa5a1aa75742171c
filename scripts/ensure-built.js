#!/usr/bin/env node
'use strict';
/**
 * Builds the operator CLI (`nest build cli`) only when its sources changed since the last build,
 * so `npm run cli` is fast on every call after the first. Prints nothing unless the build fails
 * (then the compiler's output goes to stderr and the exit code is 1): stdout stays the CLI's.
 *
 * Stale when: no stamp or no entry file, or any .ts file (or directory: adds, renames, deletes)
 * under apps/cli and libs, or a build config file, is newer than the stamp. The stamp's mtime
 * is the moment the last successful build started, so edits made during a build count.
 * Concurrent callers serialise on a lock directory and re-check after waiting.
 * `--force` builds whatever the stamp says (`npm run build:cli`). `--app worker` (or `api`) does the same for
 * another application (the webhook worker or the API, which tests start as real processes).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const at = (relative) => path.join(root, relative);

const appFlag = process.argv.indexOf('--app');
const APP = appFlag === -1 ? 'cli' : process.argv[appFlag + 1];
if (!['cli', 'worker', 'api'].includes(APP)) throw new Error(`ensure-built: unknown application "${APP}"`);

const ENTRY = at(`dist/apps/${APP}/src/main.js`);
const STAMP = at(`dist/apps/${APP}/.build-stamp`);
const BUILD_INFO = at(`dist/apps/${APP}/tsconfig.app.tsbuildinfo`);
const LOCK = at(`dist/.${APP}-build.lock`);
const NEST = at('node_modules/@nestjs/cli/bin/nest.js');
const SOURCE_DIRS = [`apps/${APP}`, 'libs'];
const CONFIG_FILES = [
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  `apps/${APP}/tsconfig.app.json`,
  'nest-cli.json',
];
const LOCK_WAIT_MS = 5 * 60_000;

function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Newest mtime of the .ts sources (specs excluded) and of their directories. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    newest = Math.max(newest, mtimeOf(dir) ?? 0);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) visit(full);
      } else if (entry.name.endsWith('.ts') && !/\.(spec|e2e-spec)\.ts$/.test(entry.name)) {
        newest = Math.max(newest, mtimeOf(full) ?? 0);
      }
    }
  };
  for (const dir of SOURCE_DIRS) visit(at(dir));
  for (const file of CONFIG_FILES) newest = Math.max(newest, mtimeOf(at(file)) ?? 0);
  return newest;
}

function isStale() {
  const stamp = mtimeOf(STAMP);
  if (stamp === undefined || mtimeOf(ENTRY) === undefined) return true;
  return newestSource() > stamp;
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** A lock directory holding the builder's pid; a dead builder's lock is taken over. */
function acquireLock() {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder = 0;
    try {
      holder = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8'));
    } catch {
      // Just created, pid not written yet (or just released): judged by age below.
    }
    const lockAge = Date.now() - (mtimeOf(LOCK) ?? Date.now());
    if ((holder && !processAlive(holder)) || (!holder && lockAge > 10_000)) {
      fs.rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for another ${APP} build (${LOCK})`);
    sleep(200);
  }
}

const releaseLock = () => fs.rmSync(LOCK, { recursive: true, force: true });

function build() {
  // The incremental build info would skip emitting unchanged files whose output is gone.
  if (mtimeOf(ENTRY) === undefined) fs.rmSync(BUILD_INFO, { force: true });
  const startedAt = new Date();
  const result = spawnSync(process.execPath, [NEST, 'build', APP], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0 || mtimeOf(ENTRY) === undefined) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    if (result.error) process.stderr.write(`${result.error.message}\n`);
    process.stderr.write(`ensure-built: nest build ${APP} failed\n`);
    return false;
  }
  fs.writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
  fs.utimesSync(STAMP, startedAt, startedAt);
  return true;
}

function main() {
  const force = process.argv.includes('--force');
  if (!force && !isStale()) return 0;
  acquireLock();
  try {
    if (!force && !isStale()) return 0; // someone else built it while we waited
    return build() ? 0 : 1;
  } finally {
    releaseLock();
  }
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`ensure-built: ${error.message}\n`);
  process.exitCode = 1;
}
