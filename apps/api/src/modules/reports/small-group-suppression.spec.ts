import { suppressSmallGroups } from './small-group-suppression';

const groups = (...sizes: number[]) => sizes.map((cases, index) => ({ name: `g${index}`, cases }));

describe('suppressSmallGroups', () => {
  it('shows groups of 5 or more, largest first, when nothing is small', () => {
    expect(suppressSmallGroups(groups(5, 12, 0))).toEqual({
      groups: [
        { name: 'g1', cases: 12 },
        { name: 'g0', cases: 5 },
      ],
      suppressedGroups: 0,
      otherCases: 0,
    });
  });

  it('folds small groups into other when together they reach 5', () => {
    expect(suppressSmallGroups(groups(9, 3, 2))).toEqual({
      groups: [{ name: 'g0', cases: 9 }],
      suppressedGroups: 2,
      otherCases: 5,
    });
  });

  it('folds the next smallest group too while other is still under 5, so no subtraction reveals it', () => {
    expect(suppressSmallGroups(groups(9, 6, 1))).toEqual({
      groups: [{ name: 'g0', cases: 9 }],
      suppressedGroups: 2,
      otherCases: 7,
    });
  });

  it('hides other itself when everything is small', () => {
    expect(suppressSmallGroups(groups(1, 2))).toEqual({ groups: [], suppressedGroups: 2, otherCases: null });
  });
});
