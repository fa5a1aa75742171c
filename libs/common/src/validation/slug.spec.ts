import { SLUG_PATTERN, slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Demo Borough Council', 'demo-borough-council'],
    ['Ynys Môn County Council', 'ynys-mon-county-council'],
    ["St Mary's & St John's", 'st-marys-and-st-johns'],
    ['  --Brent--  ', 'brent'],
    ['A'.repeat(80), 'a'.repeat(64)],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it('never ends in a dash after truncation', () => {
    const slug = slugify(`${'a'.repeat(63)} b`);
    expect(slug).toBe('a'.repeat(63));
    expect(slug).toMatch(SLUG_PATTERN);
  });
});
