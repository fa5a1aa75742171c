/**
 * `npm run bench:profile -- <path> [connections] [seconds]`: where the API's CPU time goes on one
 * route. Starts the API (production build, as `npm run bench` does) with `--cpu-prof` on the
 * seeded bench database, drives `path` with autocannon as the big tenant's admin, stops the
 * API, and prints the self time of the profile by package and by function. The `.cpuprofile`
 * stays in `bench/profiles/` (open it in Chrome DevTools or speedscope for the flame graph).
 * e.g. `npm run bench:profile -- /api/me`, `npm run bench:profile -- '/api/cases/export?format=csv' 1 30`
 */
import 'reflect-metadata';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openBenchDatabase } from './support/bench-database';
import { readBenchState } from './support/bench-state';
import { API_MAIN, BENCH_PORT_BASE, benchApiEnv, drive, ROOT, startProcess } from './support/processes';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PROFILES = join(ROOT, 'bench/profiles');
const PORT = BENCH_PORT_BASE + 10;

/** `node_modules/<package>` (scoped too), our own source folder, or node's internals. */
function ownerOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1];
  if (url.startsWith('node:')) return 'node internals';
  const ours = /dist\/((?:apps|libs)\/[^/]+)/.exec(url);
  return ours ? ours[1] : url;
}

/** Self time (ms) per key, largest first. */
function selfTimes(profile: CpuProfile, keyOf: (node: ProfileNode) => string): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (!node) return;
    const key = keyOf(node);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...totals].toSorted(([, a], [, b]) => b - a);
}

export function summariseProfile(profile: CpuProfile, top = 25): string {
  const total = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0) / 1000;
  const line = ([key, time]: [string, number]) =>
    `${((time / total) * 100).toFixed(1).padStart(5)}%  ${Math.round(time).toString().padStart(7)} ms  ${key}`;
  const packages = selfTimes(profile, (node) => ownerOf(node.callFrame.url));
  const functions = selfTimes(
    profile,
    (node) =>
      `${node.callFrame.functionName || '(anonymous)'}  ${ownerOf(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`,
  );
  return [
    `profile: ${Math.round(total)} ms sampled`,
    '',
    'self time by package:',
    ...packages.slice(0, top).map(line),
    '',
    'self time by function:',
    ...functions.slice(0, top).map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  const [path, connections = '50', seconds = '10'] = process.argv.slice(2);
  if (!path?.startsWith('/')) throw new Error('usage: npm run bench:profile -- <path> [connections] [seconds]');
  const state = await readBenchState();
  if (!state) throw new Error('No seeded bench dataset: run `npm run bench:seed` first');
  const endpoint = await openBenchDatabase();
  await mkdir(PROFILES, { recursive: true });
  const before = new Set(await readdir(PROFILES));
  try {
    const api = await startProcess(API_MAIN, PORT, '/health/ready', benchApiEnv(endpoint), {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`],
    });
    const headers = { 'x-api-key': state.big.adminKey };
    await drive({ url: `${api.url}${path}`, connections: Number(connections), seconds: 3, headers });
    const result = await drive({
      url: `${api.url}${path}`,
      connections: Number(connections),
      seconds: Number(seconds),
      headers,
    });
    await api.stop();
    process.stdout.write(
      `${path}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms (startup and warm-up are in the profile too)\n`,
    );
    const [written] = (await readdir(PROFILES)).filter((file) => !before.has(file) && file.endsWith('.cpuprofile'));
    if (!written) throw new Error('The API wrote no CPU profile');
    const profile = JSON.parse(await readFile(join(PROFILES, written), 'utf8')) as CpuProfile;
    process.stdout.write(`${summariseProfile(profile)}\n\nflame graph: bench/profiles/${written}\n`);
  } finally {
    await endpoint.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench profile failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
