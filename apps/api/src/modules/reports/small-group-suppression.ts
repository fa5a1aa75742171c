/** No published number may describe fewer cases than this: no resident can be singled out. */
export const MINIMUM_GROUP_SIZE = 5;

export interface CountedGroup {
  name: string | null;
  cases: number;
}

export interface Breakdown {
  groups: CountedGroup[];
  suppressedGroups: number;
  otherCases: number | null;
}

/** A count fit to publish: null when it describes fewer than `MINIMUM_GROUP_SIZE` cases. */
export const publishable = (count: number): number | null =>
  count === 0 || count >= MINIMUM_GROUP_SIZE ? count : null;

/**
 * Folds groups smaller than the minimum into "other", smallest first, and keeps folding while
 * "other" itself is a small non-zero number: no small group can then be recovered by
 * subtracting the shown groups from the total.
 */
export function suppressSmallGroups(groups: readonly CountedGroup[]): Breakdown {
  const ascending = groups.filter((group) => group.cases > 0).toSorted((a, b) => a.cases - b.cases);
  let folded = 0;
  let otherCases = 0;
  while (
    folded < ascending.length &&
    (ascending[folded].cases < MINIMUM_GROUP_SIZE || (otherCases > 0 && otherCases < MINIMUM_GROUP_SIZE))
  ) {
    otherCases += ascending[folded].cases;
    folded++;
  }
  return {
    groups: ascending.slice(folded).toReversed(),
    suppressedGroups: folded,
    otherCases: publishable(otherCases),
  };
}
