import { uniqueSuffix } from './fixtures';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An ISO 8601 UTC timestamp with milliseconds, as the API writes dates. */
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const DAY_MS = 86_400_000;

/** `text` made unique in the test database, for names and slugs. */
export const label = (text: string) => `${text} ${uniqueSuffix()}`;

export type Params = Record<string, string | number | boolean | undefined>;

/** A query string (`?a=1&b=2`, or '' for none) from the defined params. */
export const query = (params: Params): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** Ascending order of two sort keys, for sorting expected rows. */
export const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
