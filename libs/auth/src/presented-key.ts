import type { IncomingHttpHeaders } from 'node:http';

export type PresentedKey = { kind: 'none' } | { kind: 'conflict' } | { kind: 'key'; value: string };

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

/**
 * Reads the key from `Authorization: Bearer` (any case) or `X-API-Key`. The query string is
 * never read. Two different keys in the two headers is a conflict.
 */
export function presentedKey(headers: IncomingHttpHeaders): PresentedKey {
  const authorization = single(headers.authorization)?.trim();
  const bearerMatch = authorization ? /^bearer(?:\s+(.*))?$/i.exec(authorization) : null;
  const bearer = bearerMatch ? (bearerMatch[1] ?? '').trim() : undefined;
  const header = single(headers['x-api-key'])?.trim();

  if (bearer === undefined && header === undefined) return { kind: 'none' };
  if (bearer !== undefined && header !== undefined && bearer !== header) return { kind: 'conflict' };
  return { kind: 'key', value: (bearer ?? header) as string };
}
