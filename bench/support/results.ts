import { writeFile } from 'node:fs/promises';
import type { DatabaseEndpoint } from '@wardline/database';
import type { BenchState } from './bench-state';
import type { LoadResult } from './load';
import type { MachineConditions } from './machine';

export interface ResultRow {
  id: string;
  what: string;
  measured: string;
  target: string;
  met: boolean;
}

export interface BenchRun {
  rows: ResultRow[];
  /** Every autocannon run, by load name, in the order run. */
  details: Record<string, LoadResult[]>;
  summaryTimings: number[];
  startedAt: Date;
  finishedAt: Date;
  conditionsBefore: MachineConditions;
  conditionsAfter: MachineConditions;
  state: BenchState;
  seededNow: boolean;
  endpoint: DatabaseEndpoint;
  planFiles: number;
  apiReadyMs: number;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Where the measured time goes for the targets missed: kept by hand between runs (see README). */
const ANALYSIS_MARKER = '<!-- analysis: kept across runs -->';

function table(run: BenchRun): string {
  const lines = ['| Row | What | Measured | Target | Met |', '| --- | --- | --- | --- | --- |'];
  for (const row of run.rows) {
    lines.push(
      `| ${row.id} | ${cell(row.what)} | ${cell(row.measured)} | ${cell(row.target)} | ${row.met ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}

function runs(run: BenchRun): string {
  const lines = [
    '| Load | Each run: 2xx answers/s (p50 / p99 ms), other statuses |',
    '| --- | --- |',
    ...Object.entries(run.details).map(
      ([name, results]) =>
        `| ${cell(name)} | ${results.map((r) => `${Math.round(r.okPerSecond)} (${r.p50} / ${r.p99})${r.non2xx ? ` + ${r.non2xx} non-2xx` : ''}`).join(', ')} |`,
    ),
  ];
  return lines.join('\n');
}

/** Writes RESULTS.md; a hand-written analysis after the marker in the old file is kept. */
export async function writeResults(path: string, run: BenchRun, previous = ''): Promise<void> {
  const kept = previous.includes(ANALYSIS_MARKER) ? previous.slice(previous.indexOf(ANALYSIS_MARKER)) : ANALYSIS_MARKER;
  const minutes = ((run.finishedAt.getTime() - run.startedAt.getTime()) / 60_000).toFixed(1);
  const database = run.endpoint.embedded ? 'embedded PostgreSQL' : 'PostgreSQL from `DATABASE_URL`';
  const small = run.state.small;
  const text = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts) on ${run.finishedAt.toISOString()}; the method is in
bench/README.md. Ratios compare loads from this same run; each figure is the median of the
rounds.

${table(run)}

## Conditions

- Machine: ${run.conditionsBefore.cpus}, ${run.conditionsBefore.memoryGiB} GiB; Node ${run.conditionsBefore.node};
  ${database}.
- Load average (1, 5, 15 min) at the start: ${run.conditionsBefore.loadAverage}; at the end:
  ${run.conditionsAfter.loadAverage}. The machine is shared: other work ran beside the bench.
- Dataset: ${1 + small.length} council tenants; \`${run.state.big.slug}\` with ${run.state.big.cases.toLocaleString('en-GB')} cases,
  ${small.length} with ${(small[0]?.cases ?? 0).toLocaleString('en-GB')} each (seeded ${run.state.seededAt}${run.seededNow ? `, in this run, ${run.state.seedSeconds} s` : `, reused; the seed took ${run.state.seedSeconds} s`}).
- The API: \`dist/apps/api/src/main.js\` (production build), logs at warn, rate limits raised;
  ready ${(run.apiReadyMs / 1000).toFixed(1)} s after spawn on the seeded database.
- The whole run took ${minutes} min. Query plans: ${run.planFiles} files in bench/plans/.

## Every run

${runs(run)}

Summary report over the whole year, each call in ms: ${run.summaryTimings.map((t) => Math.round(t)).join(', ')}.

${kept}
`;
  await writeFile(path, text);
}
