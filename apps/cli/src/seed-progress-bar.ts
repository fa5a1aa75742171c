import type { SeedProgress } from '@wardline/operations';
import { Presets, SingleBar } from 'cli-progress';

/** Below this many cases seeding is quick enough not to need a bar. */
const LARGE_SEED = 500;

/** A progress bar on stderr, only for an interactive terminal and a large seed. */
export function seedProgressBar(cases: number): SeedProgress | undefined {
  if (!process.stderr.isTTY || cases < LARGE_SEED) return undefined;
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'Seeding cases [{bar}] {value}/{total} ({percentage}%)',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  return {
    start: (total) => bar.start(total, 0),
    increment: (by = 1) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
