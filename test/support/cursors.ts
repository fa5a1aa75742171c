import { createHmac } from 'node:crypto';
import { TEST_CURSOR_SECRET } from './test-app';

const bodyOf = (payload: unknown): string => Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');

/** Reads a cursor's payload (the part before its integrity tag). */
export const decodeCursor = (cursor: string): unknown =>
  JSON.parse(Buffer.from(cursor.split('.')[0], 'base64url').toString('utf8'));

/** A forged cursor without a valid integrity tag: refused before its payload is read. */
export const untaggedCursor = (payload: unknown): string => bodyOf(payload);

/**
 * A forged cursor signed with the test servers' secret (as if it had leaked), so the server's
 * payload checks — shape, length, sort, value types — are what must refuse it.
 */
export function taggedCursor(payload: unknown): string {
  const body = bodyOf(payload);
  const tag = createHmac('sha256', TEST_CURSOR_SECRET).update(body).digest('base64url').slice(0, 22);
  return `${body}.${tag}`;
}
