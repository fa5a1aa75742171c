import { normalisePostcode } from './postcode';

describe('normalisePostcode', () => {
  it.each([
    ['SW1A 1AA', 'SW1A 1AA'],
    ['sw1a1aa', 'SW1A 1AA'],
    ['  M1   1AE ', 'M1 1AE'],
    ['M11AE', 'M1 1AE'],
    ['B338TH', 'B33 8TH'],
    ['GIR0AA', 'GIR 0AA'],
    ['ABC', 'ABC'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });
});
