import type { FastifyInstance } from 'fastify';
import { ADMIN_PATH } from './admin-paths';
import { acceptFormBodies } from './form-body';

const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Form bodies, and for every dashboard response headers that keep its pages to themselves. */
export function mountDashboardHttp(fastify: FastifyInstance): void {
  acceptFormBodies(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url !== ADMIN_PATH && !request.url.startsWith(`${ADMIN_PATH}/`)) return;
    for (const [name, value] of Object.entries(PAGE_HEADERS)) void reply.header(name, value);
    if (!reply.hasHeader('Cache-Control')) void reply.header('Cache-Control', 'no-store');
  });
}
