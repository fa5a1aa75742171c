import { searchComplexity } from './search-complexity';

describe('searchComplexity', () => {
  it.each([
    ['pothole mill lane', { terms: 3, operators: 0 }],
    ['pothole or flood', { terms: 2, operators: 1 }],
    ['pothole -"mill lane"', { terms: 3, operators: 2 }],
    ['"mill lane" or -bins', { terms: 3, operators: 3 }],
    ["O'Brien SW1A-1AA", { terms: 4, operators: 0 }],
    ['a or b or c or d or e or f', { terms: 6, operators: 5 }],
  ])('%s', (search, expected) => {
    expect(searchComplexity(search)).toEqual(expected);
  });
});
