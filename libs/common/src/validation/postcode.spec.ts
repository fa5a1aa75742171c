import { normalisePostcode, outwardCode } from './postcode';

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

describe('outwardCode', () => {
  it.each([
    ['SW1A 1AA', 'SW1A'],
    ['sw1a1aa', 'SW1A'],
    ['M1 1AE', 'M1'],
    ['SW1A', 'SW1A'],
  ])('%s → %s', (postcode, outward) => expect(outwardCode(postcode)).toBe(outward));

  it('keeps a missing postcode missing', () => expect(outwardCode(null)).toBeNull());
});
