import { errorCodes } from 'fastify';
import { statusOfUnhandled } from './unknown-error.filter';

describe('statusOfUnhandled', () => {
  it('answers 503 when the request deadline passed, so the client retries', () => {
    expect(statusOfUnhandled(new errorCodes.FST_ERR_HANDLER_TIMEOUT(15_000, '/api/reports/public'))).toBe(503);
  });

  it('answers 503 when the database cannot be reached', () => {
    expect(statusOfUnhandled(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(503);
  });

  it('answers 500 for anything else', () => {
    expect(statusOfUnhandled(new TypeError('undefined is not a function'))).toBe(500);
    expect(statusOfUnhandled(null)).toBe(500);
    expect(statusOfUnhandled('a string')).toBe(500);
  });
});
