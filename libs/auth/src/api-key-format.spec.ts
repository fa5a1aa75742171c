import { crc32 } from 'node:zlib';
import { displayPrefixOf, generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format';

describe('API key format', () => {
  it('is wl_ + 32 base62 + 6 base62 checksum characters', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^wl_[0-9A-Za-z]{38}$/);
    expect(isWellFormedApiKey(key)).toBe(true);
  });

  it('encodes the CRC32 of the first 35 characters as the last 6', () => {
    const key = generateApiKey();
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const decoded = Array.from(key.slice(35)).reduce((sum, char) => sum * 62 + alphabet.indexOf(char), 0);
    expect(decoded).toBe(crc32(key.slice(0, 35)));
  });

  it('never repeats', () => {
    const keys = new Set(Array.from({ length: 1000 }, generateApiKey));
    expect(keys.size).toBe(1000);
  });

  it('rejects a changed character, a wrong prefix or length, and other alphabets', () => {
    const key = generateApiKey();
    const flipped = key.slice(0, 10) + (key[10] === 'a' ? 'b' : 'a') + key.slice(11);
    expect(isWellFormedApiKey(flipped)).toBe(false);
    expect(isWellFormedApiKey(`xx_${key.slice(3)}`)).toBe(false);
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`${key}0`)).toBe(false);
    expect(isWellFormedApiKey(`${key.slice(0, 20)}-${key.slice(21)}`)).toBe(false);
    expect(isWellFormedApiKey('')).toBe(false);
  });

  it('hashes with SHA-256 and shows an 11-character prefix', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toHaveLength(32);
    expect(hashApiKey(key).equals(hashApiKey(key))).toBe(true);
    expect(displayPrefixOf(key)).toBe(key.slice(0, 11));
  });
});
