import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AppConfig, Metrics } from '@wardline/common';
import { sendError } from '@wardline/common';
import type { FastifyInstance } from 'fastify';

const sameSecret = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/**
 * `/metrics` is never public by default: with `METRICS_TOKEN` it is served on the API port to
 * that bearer token; with `METRICS_PORT` on its own listener (meant for a private network).
 */
export function mountMetricsRoute(fastify: FastifyInstance, metrics: Metrics, config: AppConfig): void {
  const token = config.metricsToken;
  if (token === undefined) return;
  fastify.get('/metrics', async (request, reply) => {
    const given = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim() ?? '';
    if (!sameSecret(given, token)) return sendError(reply, 401, { error: 'Metrics token required' });
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

export async function startMetricsServer(metrics: Metrics, config: AppConfig): Promise<Server | undefined> {
  if (config.metricsPort === undefined) return undefined;
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(config.metricsPort, config.host, resolve));
  return server;
}
