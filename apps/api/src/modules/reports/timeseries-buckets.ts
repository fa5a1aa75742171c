import type { Interval } from './dto/report-period.query';

const DAY_MS = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The first local day of the bucket holding `day` (weeks start on Monday, as PostgreSQL's). */
function bucketOf(day: string, interval: Interval): number {
  const at = Date.parse(`${day}T00:00:00Z`);
  if (interval === 'day') return at;
  if (interval === 'month') return Date.parse(`${day.slice(0, 8)}01T00:00:00Z`);
  const sinceMonday = (new Date(at).getUTCDay() + 6) % 7;
  return at - sinceMonday * DAY_MS;
}

function nextBucket(at: number, interval: Interval): number {
  if (interval === 'day') return at + DAY_MS;
  if (interval === 'week') return at + 7 * DAY_MS;
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/**
 * Every bucket touching the local calendar days `from`..`to`, as their first days: plain
 * calendar arithmetic, as the days are already the council's own.
 */
export function bucketStarts(from: string, to: string, interval: Interval): string[] {
  const last = Date.parse(`${to}T00:00:00Z`);
  const starts: string[] = [];
  for (let at = bucketOf(from, interval); at <= last; at = nextBucket(at, interval)) starts.push(isoDay(at));
  return starts;
}
