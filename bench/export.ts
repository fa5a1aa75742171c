/**
 * `npm run bench:export -- [runs]`: row F alone, on a fresh API each run. Starts the API as the
 * bench does (production build, logs at warn) on the seeded database, streams the big tenant's
 * whole CSV export, and prints each run's rows/s, the RSS sampled every 100 ms, the process's
 * own high-water mark (`VmHWM`, which no sample can miss) and the CPU seconds the API and its
 * PostgreSQL backends spent, then the medians. `BENCH_API_MAIN` runs another build of the API (e.g. a copy of `dist/`
 * made before a change), so before and after can be measured in one session.
 */
import 'reflect-metadata';
import { openBenchDatabase } from './support/bench-database';
import { readBenchState } from './support/bench-state';
import { exportCsv, peakRssMiB, postgresCpuSecondsOf, processCpuSeconds } from './support/export';
import { API_MAIN, BENCH_PORT_BASE, benchApiEnv, startProcess } from './support/processes';
import { median } from './plan';

const PORT = BENCH_PORT_BASE + 20;

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const state = await readBenchState();
  if (!state) throw new Error('No seeded bench dataset: run `npm run bench:seed` first');
  const endpoint = await openBenchDatabase();
  const results: { rate: number; sampled: number; hwm: number; cpu: number; postgresCpu: number }[] = [];
  try {
    for (let run = 1; run <= runs; run += 1) {
      const api = await startProcess(API_MAIN, PORT, '/health/ready', benchApiEnv(endpoint));
      const pid = api.child.pid as number;
      try {
        const cpuBefore = processCpuSeconds(pid);
        const postgresBefore = postgresCpuSecondsOf(pid);
        const exported = await exportCsv(api, state.big.adminKey);
        const result = {
          rate: exported.rows / exported.seconds,
          sampled: exported.peakRssMiB,
          hwm: peakRssMiB(pid),
          cpu: processCpuSeconds(pid) - cpuBefore,
          postgresCpu: postgresCpuSecondsOf(pid) - postgresBefore,
        };
        results.push(result);
        process.stdout.write(
          `run ${run}: HTTP ${exported.status}, ${exported.rows} rows in ${exported.seconds.toFixed(1)} s = ` +
            `${Math.round(result.rate)} rows/s; peak RSS ${result.sampled} MiB sampled, ${result.hwm} MiB VmHWM; ` +
            `API CPU ${result.cpu.toFixed(1)} s, its PostgreSQL backends ${result.postgresCpu.toFixed(1)} s${exported.failure ? `; cut off: ${exported.failure}` : ''}\n`,
        );
      } finally {
        await api.stop();
      }
    }
  } finally {
    await endpoint.stop();
  }
  const of = (pick: (result: (typeof results)[number]) => number) => median(results.map(pick));
  process.stdout.write(
    `median of ${runs}: ${Math.round(of((r) => r.rate))} rows/s, peak RSS ${of((r) => r.sampled)} MiB sampled / ` +
      `${of((r) => r.hwm)} MiB VmHWM, API CPU ${of((r) => r.cpu).toFixed(1)} s, ` +
      `PostgreSQL CPU ${of((r) => r.postgresCpu).toFixed(1)} s\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench export failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
