import { createHash } from 'node:crypto';
import { ApiError } from '../errors/api-error';

export type CursorValue = string | number | null;

/** What a cursor carries: the sort it was made for and the last row's sort key and id. */
export interface CursorPayload {
  sort: string;
  values: CursorValue[];
}

/**
 * An integrity tag, so an edited cursor is refused rather than followed. It is not a secret:
 * a forged cursor can only reach rows the same key could list anyway.
 */
const tagOf = (body: string): string =>
  createHash('sha256').update(`wardline-cursor:${body}`).digest('base64url').slice(0, 16);

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
  if (extra !== undefined || !body || !/^[A-Za-z0-9_-]+$/.test(body) || tag !== tagOf(body)) throw tampered();
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
