import { decide } from './sliding-window';

const WINDOW = 60_000;
const at = (windowIndex: number, fraction: number) => windowIndex * WINDOW + fraction * WINDOW;

describe('sliding-window decision', () => {
  it('allows exactly the limit in a fresh window and counts down', () => {
    const remaining = [1, 2, 3].map((current) => decide({ previous: 0, current }, 3, at(10, 0.1), WINDOW));
    expect(remaining.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    const refused = decide({ previous: 0, current: 4 }, 3, at(10, 0.1), WINDOW);
    // 54 s to the next window, then a third of it until the three weigh at most two
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 74 });
  });

  it('lets the previous window weigh by the part of it still inside the last minute', () => {
    // 100 in the previous window, a quarter into this one: 75 still count.
    expect(decide({ previous: 100, current: 25 }, 100, at(5, 0.25), WINDOW)).toMatchObject({
      allowed: true,
      remaining: 0,
    });
    const refused = decide({ previous: 100, current: 26 }, 100, at(5, 0.25), WINDOW);
    expect(refused.allowed).toBe(false);
    // one more fits once a further 1% of the window (0.6 s) has passed
    expect(refused.retryAfterSeconds).toBe(1);
  });

  it('does not reset at the window edge as a fixed window would', () => {
    expect(decide({ previous: 100, current: 1 }, 100, at(7, 0.001), WINDOW).allowed).toBe(false);
    expect(decide({ previous: 100, current: 1 }, 100, at(7, 0.5), WINDOW).allowed).toBe(true);
  });

  it('says when the full limit is back', () => {
    expect(decide({ previous: 0, current: 1 }, 100, at(3, 0.5), WINDOW).resetSeconds).toBe(90);
    expect(decide({ previous: 10, current: 0 }, 100, at(3, 0.5), WINDOW).resetSeconds).toBe(30);
  });
});
