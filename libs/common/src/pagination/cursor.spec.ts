import { createHash } from 'node:crypto';
import { decodeCursor, encodeCursor, useCursorSecret } from './cursor';

const reencoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursor', () => {
  it('round-trips sort and values', () => {
    const cursor = encodeCursor({ sort: '-createdAt', values: ['2026-01-01T00:00:00.000Z', 'a-b'] });
    expect(decodeCursor(cursor, '-createdAt', 2)).toEqual(['2026-01-01T00:00:00.000Z', 'a-b']);
  });

  it('refuses a cursor made for another sort', () => {
    const cursor = encodeCursor({ sort: 'name', values: ['x', 'y'] });
    expect(() => decodeCursor(cursor, '-name', 2)).toThrow('Cursor was made for another sort order');
  });

  it.each([
    ['not base64url', '***'],
    ['no tag', reencoded(['name', 'x', 'y'])],
    [
      'edited and re-encoded',
      `${reencoded(['name', 'x', 'z'])}.${encodeCursor({ sort: 'name', values: ['x', 'y'] }).split('.')[1]}`,
    ],
    [
      'one character changed',
      encodeCursor({ sort: 'name', values: ['x', 'y'] }).replace(/^./, (c) => (c === 'W' ? 'X' : 'W')),
    ],
    ['extra segment', `${encodeCursor({ sort: 'name', values: ['x', 'y'] })}.x`],
  ])('refuses a tampered cursor (%s)', (_label, cursor) => {
    expect(() => decodeCursor(cursor, 'name', 2)).toThrow('Invalid cursor');
  });

  it('refuses a cursor tagged the old way, with a plain hash anyone can compute', () => {
    const body = reencoded(['name', 'x', '00000000-0000-0000-0000-000000000000']);
    const forged = `${body}.${createHash('sha256').update(`wardline-cursor:${body}`).digest('base64url').slice(0, 16)}`;
    expect(() => decodeCursor(forged, 'name', 2)).toThrow('Invalid cursor');
  });

  it('refuses a cursor signed under another secret', () => {
    useCursorSecret('one secret that is long enough for this test');
    const cursor = encodeCursor({ sort: 'name', values: ['x', 'y'] });
    expect(decodeCursor(cursor, 'name', 2)).toEqual(['x', 'y']);
    useCursorSecret('another secret that is long enough for this');
    expect(() => decodeCursor(cursor, 'name', 2)).toThrow('Invalid cursor');
  });
});
