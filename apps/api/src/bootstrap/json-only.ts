import { sendError } from '@wardline/common';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PATH } from '../modules/admin/admin-paths';
import { FORM_TYPE } from '../modules/admin/form-body';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * JSON in, only: a request body of any other type is refused with 415 before parsing. The
 * dashboard's HTML forms under `/admin/` are the one exception (URL-encoded bodies).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const hasBody =
      Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    const type = request.headers['content-type'];
    if (type && FORM_TYPE.test(type) && request.url.startsWith(`${ADMIN_PATH}/`)) return;
    if (hasBody && (!type || !JSON_TYPE.test(type))) {
      sendError(reply, 415, { error: 'Content-Type must be application/json' });
      return reply;
    }
  });
}
