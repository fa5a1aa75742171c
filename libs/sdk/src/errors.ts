import type { components } from './generated/wardline-api';

export type ErrorBody = components['schemas']['Error'];

/** A non-2xx answer from the API, with its status, its `Error` body and its request id. */
export class WardlineApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody | undefined;
  readonly requestId: string | null;

  constructor(response: Response, body: unknown) {
    const envelope = isErrorBody(body) ? body : undefined;
    super(`${response.status} ${envelope?.error ?? response.statusText}`);
    this.name = 'WardlineApiError';
    this.status = response.status;
    this.body = envelope;
    this.requestId = response.headers.get('x-request-id');
  }
}

/**
 * A `PATCH` sent with `If-Match` found the resource changed since it was read (409): nothing was
 * changed. `currentETag` is the version now current; read again before deciding to retry.
 */
export class VersionConflictError extends WardlineApiError {
  readonly currentETag: string | undefined;

  constructor(response: Response, body: unknown) {
    super(response, body);
    this.name = 'VersionConflictError';
    this.currentETag = this.body?.details?.currentETag;
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string';
}

/** The `{ data, error, response }` every `openapi-fetch` call resolves to. */
export interface CallResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** The data of a successful call (undefined for a 204), or a `WardlineApiError` for any other answer. */
export function dataOf<Data>(result: CallResult<Data>): Data {
  if (!result.response.ok) throw new WardlineApiError(result.response, result.error);
  return result.data as Data;
}
