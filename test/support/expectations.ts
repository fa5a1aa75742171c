import type { ApiResponse } from './http';

/**
 * The contract's error envelope with the one status the contract names: JSON
 * `{ error: non-empty string, details?: object }`, nothing else.
 */
export function expectEnvelope(response: ApiResponse, status: number): void {
  expect({ status: response.status, body: response.body }).toEqual({ status, body: expect.anything() });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(typeof response.body).toBe('object');
  expect(typeof response.body.error).toBe('string');
  expect(response.body.error.trim().length).toBeGreaterThan(0);
  expect(Object.keys(response.body).every((key) => key === 'error' || key === 'details')).toBe(true);
  if ('details' in response.body) expect(typeof response.body.details).toBe('object');
}

/** A validation error naming `field` in `details.fields` with at least one message. */
export function expectFieldError(response: ApiResponse, status: number, field: string): void {
  expectEnvelope(response, status);
  const messages = response.body.details?.fields?.[field];
  expect({ field, messages }).toEqual({ field, messages: expect.arrayContaining([expect.any(String)]) });
}

/** A stale `If-Match`: 409 naming the version and ETag the resource has now. */
export function expectVersionConflict(response: ApiResponse, currentVersion: number): void {
  expectEnvelope(response, 409);
  expect(response.body.details).toEqual({ currentVersion, currentETag: `W/"${currentVersion}"` });
}
