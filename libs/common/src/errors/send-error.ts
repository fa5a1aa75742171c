import type { FastifyReply } from 'fastify';
import type { ErrorBody } from './api-error';

/** Seconds a client is asked to wait after a 503 (the database is busy or away): worth retrying soon. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

export function sendError(
  reply: FastifyReply,
  status: number,
  body: ErrorBody,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
  if (status === 503 && !('Retry-After' in headers)) void reply.header('Retry-After', UNAVAILABLE_RETRY_AFTER_SECONDS);
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}
