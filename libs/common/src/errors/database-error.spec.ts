import { describeDatabaseError, isTransientConflict } from './database-error';

describe('describeDatabaseError', () => {
  it.each([
    ['the pool has no free connection in time', new Error('timeout exceeded when trying to connect')],
    ['a hung server does not answer', new Error('Query read timeout')],
    ['statement_timeout', { code: '57014' }],
    ['lock_timeout', { driverError: { code: '55P03' } }],
    ['idle_in_transaction_session_timeout ended the session', { code: '25P03' }],
    ['the session was terminated', { code: '57P01' }],
  ])('%s is a 503', (_label, error) => {
    expect(describeDatabaseError(error).status).toBe(503);
  });

  it.each(['40P01', '40001'])('%s after the retries is a 409, and is retryable', (code) => {
    expect(describeDatabaseError({ code }).status).toBe(409);
    expect(isTransientConflict({ driverError: { code } })).toBe(true);
  });

  it('other errors are not retried', () => {
    expect(isTransientConflict({ code: '23505' })).toBe(false);
  });
});
