/** A weighted choice: the value and its relative weight. */
export type Weighted<T> = readonly (readonly [T, number])[];

/** `{ a: 3, b: 1 }` → `[['a', 3], ['b', 1]]`: weights for string choices, written as a record. */
export const weightsOf = <T extends string>(weights: Readonly<Record<T, number>>): Weighted<T> =>
  Object.entries(weights) as [T, number][];

/** FNV-1a of a string: a 32-bit seed that is the same on every run and machine. */
export function seedFrom(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A small, fast pseudo-random generator (mulberry32): the same seed gives the same sequence,
 * so demo data is reproducible. Not for anything secret.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(choices: Weighted<T>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** Up to `count` distinct items, in their original order. */
  some<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const wanted = Math.min(count, items.length);
    while (chosen.size < wanted) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].toSorted((a, b) => a - b).map((index) => items[index]);
  }

  /** A log-normal-ish duration: most near `typical`, a long tail up to `spread` times it. */
  skewed(typical: number, spread = 4): number {
    const u = this.next();
    return typical * Math.exp(Math.log(spread) * (2 * u * u - 0.5));
  }
}
