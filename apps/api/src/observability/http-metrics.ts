import type { Metrics } from '@wardline/common';
import type { FastifyInstance } from 'fastify';
import { routeOf } from './request-route';

/** Counts and times every response by route pattern and status. */
export function countRequests(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = { method: request.method, route: routeOf(request.raw), status: String(reply.statusCode) };
    metrics.requests.inc(labels);
    metrics.requestDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
