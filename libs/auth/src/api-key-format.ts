import { createHash, randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const KEY_PREFIX = 'wl_';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const KEY_LENGTH = KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
const DISPLAY_PREFIX_LENGTH = 11;
const KEY_PATTERN = /^wl_[0-9A-Za-z]{38}$/;

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

function checksumOf(body: string): string {
  return base62(crc32(body), CHECKSUM_LENGTH);
}

/** `wl_` + 32 random base62 characters + 6 base62 characters of the CRC32 of the first 35. */
export function generateApiKey(): string {
  let body = KEY_PREFIX;
  for (let i = 0; i < RANDOM_LENGTH; i += 1) body += BASE62[randomInt(62)];
  return body + checksumOf(body);
}

/** Shape and checksum only: no I/O, so typos and guesses are refused for free. */
export function isWellFormedApiKey(candidate: string): boolean {
  if (candidate.length !== KEY_LENGTH || !KEY_PATTERN.test(candidate)) return false;
  const body = candidate.slice(0, KEY_PREFIX.length + RANDOM_LENGTH);
  return candidate.slice(body.length) === checksumOf(body);
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** What lists show to tell keys apart, e.g. `wl_Ab3dE9xQ`. */
export function displayPrefixOf(key: string): string {
  return key.slice(0, DISPLAY_PREFIX_LENGTH);
}
