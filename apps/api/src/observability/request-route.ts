import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

const ROUTE = Symbol('wardline.route');
type Tagged = IncomingMessage & { [ROUTE]?: string };

/** The matched route pattern (`/api/cases/:id`), never the raw URL: bounded and free of data. */
export const routeOf = (request: IncomingMessage): string => (request as Tagged)[ROUTE] ?? 'unmatched';

export function tagRoutes(fastify: FastifyInstance): void {
  // Callback style: an async hook costs a promise and a microtask on every request.
  fastify.addHook('onRequest', (request, _reply, done) => {
    (request.raw as Tagged)[ROUTE] = request.routeOptions.url ?? 'unmatched';
    done();
  });
}
