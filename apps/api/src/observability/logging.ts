import type { IncomingMessage, ServerResponse } from 'node:http';
import { logFieldsOf, redactApiKeys } from '@wardline/auth';
import type { AppConfig } from '@wardline/common';
import type { FastifyInstance } from 'fastify';
import type { Params } from 'nestjs-pino';
import { type DestinationStream, levels, type Logger } from 'pino';
import { routeOf } from './request-route';

/** Fields that must never reach a log line, wherever an object carrying them is logged. */
const SECRET_FIELDS = [
  'authorization',
  '["x-api-key"]',
  'cookie',
  '["set-cookie"]',
  'password',
  'key',
  'residentName',
  'residentEmail',
  'residentPhone',
  'residentAddress',
  'residentPostcode',
  'email',
  'phone',
];
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => {
  const member = field.startsWith('[') ? field : `.${field}`;
  return [field.startsWith('[') ? `*${field}` : field, `*${member}`, `*.*${member}`];
});

const pathOnly = (url: string | undefined) => (url ?? '').split('?')[0];

/**
 * The application's pino logger: keys and personal details redacted, any key-shaped text cut
 * to its prefix before a line is written. Human-readable on a terminal, JSON otherwise.
 * nestjs-pino builds it (and Nest logs through it); it mounts no middleware — requests are
 * logged by `logRequests`.
 */
export function loggingParams(config: AppConfig, destination?: DestinationStream): Params {
  const pretty = !destination && process.stdout.isTTY;
  const options = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: { streamWrite: redactApiKeys },
    transport: pretty
      ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }
      : undefined,
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: pathOnly(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: false,
  };
  return { pinoHttp: destination ? [options, destination] : options, forRoutes: [] };
}

const STARTED = Symbol('wardline.requestStarted');
type Timed = ServerResponse & { [STARTED]: number };

/**
 * One line per request at info, when it is answered (or the client goes away): request id,
 * route pattern, tenant and key prefix, status, duration; no headers, query strings or
 * bodies. Probes are not logged. Above info nothing is done per request.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger, config: AppConfig): void {
  if (levels.values[config.logLevel] > levels.values.info) return;

  function writeRequestLine(this: ServerResponse): void {
    const req = this.req as IncomingMessage;
    const route = routeOf(req);
    const status = this.statusCode;
    const responseTime = Date.now() - (this as Timed)[STARTED];
    const fields = { req, route, ...logFieldsOf(req), res: this, responseTime };
    if (status >= 500) {
      logger.info(
        { ...fields, err: new Error(`failed with status code ${status}`) },
        `${req.method} ${route} ${status}`,
      );
    } else {
      logger.info(fields, `${req.method} ${route} ${status} ${Math.round(responseTime)}ms`);
    }
  }

  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith('/health/')) {
      (reply.raw as Timed)[STARTED] = Date.now();
      reply.raw.once('close', writeRequestLine);
    }
    done();
  });
}
