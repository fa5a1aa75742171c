import { createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors/api-error';

export type CursorValue = string | number | null;

/** What a cursor carries: the sort it was made for and the last row's sort key and id. */
export interface CursorPayload {
  sort: string;
  values: CursorValue[];
}

// A KeyObject, made once: given a Buffer, every HMAC would make one of its own.
let cursorKey: KeyObject = createSecretKey(randomBytes(32));

/**
 * Sets the server secret cursors are signed with (at start-up). Until then a random one
 * is used, so cursors are never forgeable, only not valid across processes.
 */
export function useCursorSecret(secret: string): void {
  cursorKey = createSecretKey(Buffer.from(secret, 'utf8'));
}

/** An HMAC under the server secret, so a client can neither edit nor mint a cursor. */
const tagOf = (body: string): string => createHmac('sha256', cursorKey).update(body).digest('base64url').slice(0, 22);

const sameTag = (given: string | undefined, body: string): boolean => {
  const expected = Buffer.from(tagOf(body));
  return given !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), expected);
};

export function encodeCursor(payload: CursorPayload): string {
  const body = Buffer.from(JSON.stringify([payload.sort, ...payload.values]), 'utf8').toString('base64url');
  return `${body}.${tagOf(body)}`;
}

function tampered(): ApiError {
  return ApiError.badRequest('Invalid cursor', { fields: { cursor: ['cursor is malformed or was altered'] } });
}

/** Parses a cursor; anything that is not exactly what `encodeCursor` makes is a 400. */
export function decodeCursor(cursor: string, expectedSort: string, valueCount: number): CursorValue[] {
  const [body, tag, extra] = cursor.split('.');
  if (extra !== undefined || !body || !/^[A-Za-z0-9_-]+$/.test(body) || !sameTag(tag, body)) throw tampered();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw tampered();
  }
  if (!Array.isArray(decoded) || decoded.length !== valueCount + 1) throw tampered();
  const [sort, ...values] = decoded as unknown[];
  if (sort !== expectedSort) {
    throw ApiError.badRequest('Cursor was made for another sort order', {
      fields: { cursor: [`cursor belongs to sort "${String(sort)}"`] },
    });
  }
  if (!values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')) throw tampered();
  return values as CursorValue[];
}

export const invalidCursor = tampered;
