import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_DATA_DIR, BENCH_DATABASE } from './bench-database';

export interface BenchTenant {
  id: string;
  slug: string;
  cases: number;
  /** Plaintext keys (the database holds only their hashes): an admin's and a caseworker's. */
  adminKey: string;
  caseworkerKey: string;
}

/** What `bench/seed` made, kept beside the data so `npm run bench` can reuse it. */
export interface BenchState {
  seededAt: string;
  seedSeconds: number;
  big: BenchTenant;
  small: BenchTenant[];
}

/** One state file per database the bench seeds (embedded, or `BENCH_DATABASE` on `DATABASE_URL`'s server). */
export const benchStatePath = (): string =>
  join(BENCH_DATA_DIR, process.env.DATABASE_URL ? `seed-${BENCH_DATABASE}.json` : 'seed-embedded.json');

export async function readBenchState(): Promise<BenchState | undefined> {
  const path = benchStatePath();
  if (!existsSync(path)) return undefined;
  return JSON.parse(await readFile(path, 'utf8')) as BenchState;
}

export async function writeBenchState(state: BenchState): Promise<void> {
  await mkdir(BENCH_DATA_DIR, { recursive: true });
  await writeFile(benchStatePath(), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export async function forgetBenchState(): Promise<void> {
  await rm(benchStatePath(), { force: true });
}
