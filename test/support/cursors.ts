/** Reads a cursor's payload (the part before its integrity tag). */
export const decodeCursor = (cursor: string): unknown =>
  JSON.parse(Buffer.from(cursor.split('.')[0], 'base64url').toString('utf8'));

/** A forged cursor: a payload without a valid integrity tag. */
export const encodeCursor = (payload: unknown): string =>
  Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
