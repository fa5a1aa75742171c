import { ApiError } from '@wardline/common';
import { chooseSlug } from './slug-generator';

describe('chooseSlug', () => {
  it('keeps a valid slug and refuses an invalid one', () => {
    expect(chooseSlug('Anything', 'my-council')).toBe('my-council');
    expect(() => chooseSlug('Anything', 'My_Council')).toThrow(ApiError);
    expect(() => chooseSlug('Anything', '-edge')).toThrow('Invalid slug "-edge"');
  });

  it('refuses a name with nothing to make a slug from', () => {
    expect(() => chooseSlug('!!!', undefined)).toThrow('Cannot derive a slug');
  });
});
