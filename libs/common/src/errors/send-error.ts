import type { FastifyReply } from 'fastify';
import type { ErrorBody } from './api-error';

export function sendError(
  reply: FastifyReply,
  status: number,
  body: ErrorBody,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}
