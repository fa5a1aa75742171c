import { sendError } from '@wardline/common';
import type { FastifyInstance } from 'fastify';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** JSON in, only: a request body of any other type is refused with 415 before parsing. */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const hasBody =
      Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    const type = request.headers['content-type'];
    if (hasBody && (!type || !JSON_TYPE.test(type))) {
      sendError(reply, 415, { error: 'Content-Type must be application/json' });
      return reply;
    }
  });
}
