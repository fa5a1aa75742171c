/** Whole calendar months inside a period of local days: [from, until) as first days of months. */
export interface WholeMonths {
  from: string;
  until: string;
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`;
const nextMonthStart = (iso: string) => {
  const date = new Date(dayOf(monthStart(iso)));
  date.setUTCMonth(date.getUTCMonth() + 1);
  return isoDay(date.getTime());
};

/**
 * The whole months of `from`..`to` (inclusive local days, YYYY-MM-DD), or an empty range at
 * `from` when the period holds none: the rest of the period is its edge days.
 */
export function wholeMonthsOf(from: string, to: string): WholeMonths {
  const first = from.endsWith('-01') ? from : nextMonthStart(from);
  const until = monthStart(isoDay(dayOf(to) + DAY_MS));
  return first < until ? { from: first, until } : { from, until: from };
}
