/** Requests counted in the previous and the current fixed window (the current one includes this request). */
export interface WindowCounts {
  previous: number;
  current: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the full limit is available again. */
  resetSeconds: number;
  /** Seconds until one more request would be allowed (refusals only). */
  retryAfterSeconds?: number;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * The sliding-window counter: the previous window's count weighs as much as the part of it
 * that still lies inside the last `windowMs`, so there is no burst of 2× the limit at a
 * window edge. `counts.current` includes the request being decided.
 */
export function decide(counts: WindowCounts, limit: number, nowMs: number, windowMs: number): RateDecision {
  const elapsed = nowMs % windowMs;
  const fraction = elapsed / windowMs;
  const estimate = counts.previous * (1 - fraction) + counts.current;
  const allowed = estimate <= limit;
  const counted = allowed ? counts.current : counts.current - 1;
  const resetMs = counted > 0 ? 2 * windowMs - elapsed : counts.previous > 0 ? windowMs - elapsed : 0;
  const decision: RateDecision = {
    allowed,
    limit,
    remaining: Math.max(0, Math.floor(limit - (allowed ? estimate : estimate - 1))),
    resetSeconds: resetMs === 0 ? 0 : seconds(resetMs),
  };
  if (!allowed)
    decision.retryAfterSeconds = seconds(waitForOneMore(counts.previous, counted, limit, elapsed, windowMs));
  return decision;
}

/** How long until `previous·(1−f) + counted + 1 ≤ limit`, counting only requests let through. */
function waitForOneMore(previous: number, counted: number, limit: number, elapsed: number, windowMs: number): number {
  if (counted + 1 <= limit && previous > 0) {
    const fraction = 1 - (limit - counted - 1) / previous;
    return fraction * windowMs - elapsed;
  }
  // This window is full on its own: wait for the next one, where it becomes "previous".
  const fractionOfNext = Math.max(0, 1 - (limit - 1) / counted);
  return windowMs - elapsed + fractionOfNext * windowMs;
}
