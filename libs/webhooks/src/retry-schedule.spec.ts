import { nextRetryDelay, parseRetryAfter, RETRY_DELAYS_MS } from './retry-schedule';

describe('the retry schedule', () => {
  it('follows the contract, within the jitter', () => {
    expect(RETRY_DELAYS_MS.map((_, index) => nextRetryDelay(index + 1, null, () => 0.5))).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 86_400_000,
    ]);
    expect(nextRetryDelay(1, null, () => 0)).toBe(4_500);
    expect(nextRetryDelay(1, null, () => 1)).toBe(5_500);
  });

  it('ends after the seventh retry', () => {
    expect(nextRetryDelay(8, null)).toBeNull();
  });

  it('honours a longer Retry-After, up to a day', () => {
    expect(nextRetryDelay(1, 60_000, () => 0.5)).toBe(60_000);
    expect(nextRetryDelay(2, 1_000, () => 0.5)).toBe(300_000);
    expect(nextRetryDelay(1, 10 * 86_400_000, () => 0.5)).toBe(86_400_000);
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
