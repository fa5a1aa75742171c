import type { SeededRandom } from './seeded-random';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How far back demo cases go. */
export const DEMO_HISTORY_DAYS = 365;

/** A candidate time on one of the last days, or null when it is turned down (weekend, future). */
function candidate(random: SeededRandom, today: number, latest: number): number | null {
  const day = today - random.int(0, DEMO_HISTORY_DAYS - 1) * DAY_MS;
  const weekday = new Date(day).getUTCDay();
  if ((weekday === 0 || weekday === 6) && random.chance(0.6)) return null;
  const officeHours = random.chance(0.75);
  const at = day + Math.floor(officeHours ? random.between(8 * HOUR_MS, 18 * HOUR_MS) : random.between(0, DAY_MS));
  return at <= latest ? at : null;
}

/**
 * `count` creation times over the last year, oldest first: fewer at weekends, mostly in office
 * hours, none in the last hour (so every case has had a moment to move). Whole milliseconds.
 */
export function demoCreationTimes(random: SeededRandom, count: number, now: number): number[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const times: number[] = [];
  while (times.length < count) {
    const at = candidate(random, today, now - HOUR_MS);
    if (at !== null) times.push(at);
  }
  return times.toSorted((a, b) => a - b);
}
