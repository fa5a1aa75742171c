import type { WardlineClient } from './client';
import { type CallResult, dataOf, VersionConflictError, WardlineApiError } from './errors';
import type { paths } from './generated/wardline-api';

/** The routes one can read and then `PATCH` with `If-Match`: `/api/cases/{id}`, `/api/settings`, … */
export type VersionedPath = {
  [P in keyof paths]: paths[P] extends { get: object; patch: object } ? P : never;
}[keyof paths];

type Operation<P extends VersionedPath, M extends 'get' | 'patch'> = paths[P][M];
type JsonOf<Content> = Content extends { content: { 'application/json': infer Body } } ? Body : never;
type Current<P extends VersionedPath> = JsonOf<NonNullable<Operation<P, 'get'>['responses'][200]>>;
type Updated<P extends VersionedPath> = JsonOf<NonNullable<Operation<P, 'patch'>['responses'][200]>>;
type Changes<P extends VersionedPath> = JsonOf<NonNullable<Operation<P, 'patch'>['requestBody']>>;
type PathParameters<P extends VersionedPath> = Operation<P, 'get'>['parameters'] extends { path: infer Path }
  ? [path: Path]
  : [];

interface UntypedCalls {
  GET(path: string, init: { params: { path?: unknown } }): Promise<CallResult<unknown>>;
  PATCH(
    path: string,
    init: { params: { path?: unknown; header: { 'If-Match': string } }; body: unknown },
  ): Promise<CallResult<unknown>>;
}

/**
 * Reads a resource, works out the change from what it read, and sends it with `If-Match`, so a
 * change made in between by someone else is never overwritten: the API then answers 409 and
 * this throws a `VersionConflictError` (read again and decide). Other failures throw a
 * `WardlineApiError`.
 */
export async function updateIfUnchanged<P extends VersionedPath>(
  client: WardlineClient,
  path: P,
  change: (current: Current<P>) => Changes<P> | Promise<Changes<P>>,
  ...[pathParameters]: PathParameters<P>
): Promise<Updated<P>> {
  const calls = client as unknown as UntypedCalls;
  const read = await calls.GET(path, { params: { path: pathParameters } });
  const current = dataOf(read) as Current<P>;
  const etag = read.response.headers.get('etag');
  if (!etag) throw new Error(`${path} answered without an ETag`);
  const written = await calls.PATCH(path, {
    params: { path: pathParameters, header: { 'If-Match': etag } },
    body: await change(current),
  });
  if (written.response.status === 409 && isVersionMismatch(written.error)) {
    throw new VersionConflictError(written.response, written.error);
  }
  if (!written.response.ok) throw new WardlineApiError(written.response, written.error);
  return written.data as Updated<P>;
}

const isVersionMismatch = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && 'currentETag' in ((body as { details?: object }).details ?? {});
