import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * Helmet's defaults, with a policy Swagger UI at `/docs` works under: its scripts and styles
 * are served from this origin, it styles inline and draws images from `data:` URIs.
 */
export const SECURITY_HEADERS: FastifyHelmetOptions = {
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
