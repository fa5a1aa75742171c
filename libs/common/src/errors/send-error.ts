import type { FastifyReply } from 'fastify';
import type { ErrorBody } from './api-error';

export function sendError(
  reply: FastifyReply,
  status: number,
  body: ErrorBody,
  headers: Record<string, string> = {},
): void {
  // A 503 (database unreachable, pool exhausted) is worth retrying soon (contract §8).
  if (status === 503) void reply.header('Retry-After', '2');
  for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}
