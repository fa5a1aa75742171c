/**
 * `npm run bench:memory`: rows I (and the throughput of A and G beside it) without the rest of
 * the bench. Starts the API as `npm run bench` does, on the seeded bench database, and reads its
 * memory from /proc: idle after start, after `/api/me` at 50 clients, during and after the CSV
 * export of the big tenant (row F, as the full bench runs it before G), during G and 5 s after
 * it (row I), then 30 s after it. RSS is split into anonymous memory (the V8 heap, malloc) and
 * file-backed pages (the node binary). See bench/notes/memory.md.
 * Knobs: BENCH_SECONDS, BENCH_ROUNDS, BENCH_MIXED_SECONDS as for `npm run bench`;
 * BENCH_MEMORY_EXPORT=0 skips the export; BENCH_API_MAIN runs another build of the API;
 * BENCH_API_NODE_ARGS adds node flags for the API (to try V8 settings, e.g. `--max-semi-space-size=16`).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { openBenchDatabase } from './support/bench-database';
import { readBenchState } from './support/bench-state';
import { median } from './plan';
import { API_MAIN, BENCH_PORT_BASE, benchApiEnv, drive, rssSampler, startProcess } from './support/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const EXPORT = process.env.BENCH_MEMORY_EXPORT !== '0';
const NODE_ARGS = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
const PORT = BENCH_PORT_BASE + 11;

const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** RSS, anonymous and file-backed, in MiB, from /proc/<pid>/status. */
function memoryOf(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
  return `RSS ${mib('VmRSS')} MiB (anon ${mib('RssAnon')}, file ${mib('RssFile')})`;
}

/** CPU seconds (user + system) the process has used, from /proc/<pid>/stat. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The API's CPU time per answer over a load: comparable across runs on a busy machine where req/s is not. */
const cpuPerRequest = (cpuSeconds: number, requests: number) =>
  `${((cpuSeconds * 1000) / requests).toFixed(2)} ms CPU/request`;

async function main(): Promise<void> {
  const state = await readBenchState();
  if (!state) throw new Error('No seeded bench dataset: run `npm run bench:seed` first');
  const endpoint = await openBenchDatabase();
  try {
    const api = await startProcess(API_MAIN, PORT, '/health/ready', benchApiEnv(endpoint), { nodeArgs: NODE_ARGS });
    const pid = api.child.pid as number;
    try {
      await sleep(3000);
      log(`idle after start: ${memoryOf(pid)}`);

      const headers = { 'x-api-key': state.big.adminKey };
      await drive({ url: `${api.url}/api/me`, connections: 10, seconds: 2, headers });
      const me = [];
      const meCpu = cpuSecondsOf(pid);
      for (let round = 0; round < ROUNDS; round += 1)
        me.push(await drive({ url: `${api.url}/api/me`, connections: 50, seconds: SECONDS, headers }));
      log(
        `/api/me, 50 clients: ${me.map((run) => Math.round(run.okPerSecond)).join(', ')} req/s (median ${Math.round(median(me.map((run) => run.okPerSecond)))}); ` +
          `p99 median ${median(me.map((run) => run.p99))} ms; ${cpuPerRequest(
            cpuSecondsOf(pid) - meCpu,
            me.reduce((sum, run) => sum + run.total, 0),
          )}; ${memoryOf(pid)}`,
      );

      if (EXPORT) {
        const sampler = rssSampler(pid);
        const exportCpu = cpuSecondsOf(pid);
        const started = performance.now();
        const response = await fetch(`${api.url}/api/cases/export?format=csv`, { headers });
        let bytes = 0;
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
        log(
          `export: HTTP ${response.status}, ${Math.round(bytes / 1024 / 1024)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
            `${(cpuSecondsOf(pid) - exportCpu).toFixed(1)} s CPU; peak RSS ${sampler.stop()} MiB; after: ${memoryOf(pid)}`,
        );
      }

      const tenants = [state.big, ...state.small].slice(0, 50);
      const sampler = rssSampler(pid);
      const gCpu = cpuSecondsOf(pid);
      const g = await drive({ url: api.url, connections: 200, seconds: MIXED_SECONDS, mixed: { tenants } });
      log(
        `G: ${Math.round(g.requestsPerSecond)} req/s, p50 ${g.p50} ms, p99 ${g.p99} ms, ${JSON.stringify(g.statusCodes)}, ` +
          `errors ${g.errors}, timeouts ${g.timeouts}; ${cpuPerRequest(cpuSecondsOf(pid) - gCpu, g.total)}; peak RSS ${sampler.stop()} MiB`,
      );
      await sleep(5000);
      log(`I: 5 s after G: ${memoryOf(pid)}`);
      await sleep(25_000);
      log(`30 s after G: ${memoryOf(pid)}`);
    } finally {
      await api.stop();
    }
  } finally {
    await endpoint.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench memory failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
