import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { ApiError } from '@wardline/common';

/** `Algorithm.Argon2id`; the enum is `const` and so cannot be read under `isolatedModules`. */
const ARGON2ID = 2 as Algorithm;
const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 1024;

/** A PHC string (`$argon2id$v=19$...`) with the library's default, OWASP-level costs. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw ApiError.unprocessable(`Password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw ApiError.unprocessable(`Password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  }
  return hash(password, { algorithm: ARGON2ID });
}

/** Whether `password` matches a PHC string made by `hashPassword`; a malformed hash never matches. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH) return false;
  return verify(passwordHash, password).catch(() => false);
}
