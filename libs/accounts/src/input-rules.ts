import { ApiError } from '@wardline/common';

export { isUuid } from '@wardline/common/validation/uuid';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const looksLikeEmail = (value: string): boolean => EMAIL.test(value);

/** Trimmed, non-empty text of at most `max` characters, or an error naming the field. */
export function requireText(value: string | undefined | null, field: string, max = 200): string {
  const text = (value ?? '').trim();
  if (!text) throw ApiError.unprocessable(`${field} must not be empty`);
  if (text.length > max) throw ApiError.unprocessable(`${field} must be at most ${max} characters`);
  return text;
}

export function requireOneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw ApiError.unprocessable(`Unknown ${field} "${value}" (expected one of: ${allowed.join(', ')})`);
  }
  return value as T;
}
