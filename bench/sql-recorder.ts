import { Client } from 'pg';

export interface RecordedQuery {
  text: string;
  values: unknown[];
}

/**
 * Records the SQL the application sends (this process only), so a benchmark can EXPLAIN the
 * exact statements the API runs rather than hand-written look-alikes.
 */
export function recordSql(matches: (text: string) => boolean): { take(): RecordedQuery[]; stop(): void } {
  const original = Client.prototype.query;
  let recorded: RecordedQuery[] = [];
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const [text, values] = args as [unknown, unknown];
    if (typeof text === 'string' && matches(text)) recorded.push({ text, values: Array.isArray(values) ? values : [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  return {
    take: () => {
      const taken = recorded;
      recorded = [];
      return taken;
    },
    stop: () => {
      Client.prototype.query = original;
    },
  };
}
