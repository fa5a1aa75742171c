import { MAX_DEMO_CASES } from '@wardline/operations';
import { InvalidArgumentError } from 'commander';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `a,b , c` → `['a', 'b', 'c']`; repeated options add to the list. */
export function parseList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ];
}

/** An ISO-8601 date or date-time; a date alone means midnight UTC. */
export function parseIsoDate(value: string): Date {
  const date = new Date(value);
  if (!ISO_DATE_TIME.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('Expected an ISO-8601 date-time, e.g. 2027-01-31T18:00:00Z.');
  }
  return date;
}

/** A number of demo cases to add: a whole number from 0 to `MAX_DEMO_CASES`. */
export function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count > MAX_DEMO_CASES) {
    throw new InvalidArgumentError(`Expected a whole number from 0 to ${MAX_DEMO_CASES}.`);
  }
  return count;
}
