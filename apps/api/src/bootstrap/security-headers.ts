import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's defaults, with a policy Swagger UI at `/docs` works under: its scripts and styles
 * are served from this origin, it styles inline and draws images from `data:` URIs.
 */
export const SECURITY_HEADERS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      // Helmet's default would turn Swagger UI's calls into https:// ones on a plain-http deployment.
      upgradeInsecureRequests: null,
    },
  },
};

/**
 * The headers helmet sets for these options. They depend on nothing in the request, so helmet
 * runs once here rather than on every request (it re-parses the policy each time it runs).
 */
export function securityHeadersFor(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => void (headers[name] = value),
    removeHeader: (name: string) => void delete headers[name],
  } as unknown as ServerResponse;
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response, (error?: unknown) => void (failure = error));
  if (failure) throw failure;
  return Object.freeze(headers);
}

/** Every answer — routes, 404s, errors — carries the security headers and its request id. */
export function sendSecurityHeaders(fastify: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = securityHeadersFor(options);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers).header('X-Request-Id', request.id);
    done();
  });
}
