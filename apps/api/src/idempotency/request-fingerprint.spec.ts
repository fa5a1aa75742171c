import { requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  it('is the same for the same body with keys in another order', () => {
    const a = requestFingerprint('POST', '/api/cases', { summary: 'x', tags: ['a', 'b'], meta: { b: 1, a: 2 } });
    const b = requestFingerprint('POST', '/api/cases', { meta: { a: 2, b: 1 }, tags: ['a', 'b'], summary: 'x' });
    expect(a.equals(b)).toBe(true);
  });

  it('differs for another body, path or order of list items', () => {
    const base = requestFingerprint('POST', '/api/cases', { tags: ['a', 'b'] });
    expect(base.equals(requestFingerprint('POST', '/api/cases', { tags: ['b', 'a'] }))).toBe(false);
    expect(base.equals(requestFingerprint('POST', '/api/wards', { tags: ['a', 'b'] }))).toBe(false);
  });
});
