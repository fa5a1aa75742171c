import { OperatorError } from './operator-error';

export { isUuid } from '@wardline/common/validation/uuid';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const looksLikeEmail = (value: string): boolean => EMAIL.test(value);

/** Trimmed, non-empty text of at most `max` characters, or an error naming the field. */
export function requireText(value: string | undefined | null, field: string, max = 200): string {
  const text = (value ?? '').trim();
  if (!text) throw new OperatorError(`${field} must not be empty`, 'invalid');
  if (text.length > max) throw new OperatorError(`${field} must be at most ${max} characters`, 'invalid');
  return text;
}

export function requireOneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new OperatorError(`Unknown ${field} "${value}" (expected one of: ${allowed.join(', ')})`, 'invalid');
  }
  return value as T;
}
