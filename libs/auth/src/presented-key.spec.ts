import { presentedKey } from './presented-key';

describe('presentedKey', () => {
  it('reads Bearer in any case and X-API-Key', () => {
    expect(presentedKey({ authorization: 'Bearer abc' })).toEqual({ kind: 'key', value: 'abc' });
    expect(presentedKey({ authorization: 'bEaReR   abc ' })).toEqual({ kind: 'key', value: 'abc' });
    expect(presentedKey({ 'x-api-key': 'abc' })).toEqual({ kind: 'key', value: 'abc' });
  });

  it('accepts the same key in both headers and flags two different ones', () => {
    expect(presentedKey({ authorization: 'Bearer abc', 'x-api-key': 'abc' })).toEqual({ kind: 'key', value: 'abc' });
    expect(presentedKey({ authorization: 'Bearer abc', 'x-api-key': 'abd' })).toEqual({ kind: 'conflict' });
  });

  it('treats no header, or another auth scheme, as no key', () => {
    expect(presentedKey({})).toEqual({ kind: 'none' });
    expect(presentedKey({ authorization: 'Basic dXNlcjpwYXNz' })).toEqual({ kind: 'none' });
  });

  it('passes an empty Bearer through as a (malformed) key', () => {
    expect(presentedKey({ authorization: 'Bearer' })).toEqual({ kind: 'key', value: '' });
  });
});
