const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The contract's waits before each retry; after the last one a delivery is dead. */
export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 24 * HOUR] as const;
/** Spreads retries by up to ±10 % so a recovered receiver is not hit by a thundering herd. */
export const RETRY_JITTER = 0.1;
/** A `Retry-After` longer than this is not honoured beyond it. */
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * When to try again after the `attempts`-th failed attempt, or `null` when the schedule is
 * spent. A receiver's `Retry-After` wins when it asks for longer than the schedule.
 */
export function nextRetryDelay(attempts: number, retryAfterMs: number | null, random = Math.random): number | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (1 + RETRY_JITTER * (2 * random() - 1)));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(header: string | undefined, now: Date): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * SECOND;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
