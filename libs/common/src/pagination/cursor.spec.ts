import { decodeCursor, encodeCursor } from './cursor';

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
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['wrong arity', Buffer.from(JSON.stringify(['name', 'x'])).toString('base64url')],
    ['object values', Buffer.from(JSON.stringify(['name', {}, 'y'])).toString('base64url')],
  ])('refuses a tampered cursor (%s)', (_label, cursor) => {
    expect(() => decodeCursor(cursor, 'name', 2)).toThrow('Invalid cursor');
  });
});
