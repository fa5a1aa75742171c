import type { IncomingMessage, ServerResponse } from 'node:http';
import { logFieldsOf, redactApiKeys } from '@wardline/auth';
import { RequestMethod } from '@nestjs/common';
import type { AppConfig } from '@wardline/common';
import type { Params } from 'nestjs-pino';
import { type DestinationStream, levels } from 'pino';
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
 * One line per request at info (request id, tenant, key prefix, route, status, duration);
 * no headers, query strings or bodies; any key-shaped text is cut to its prefix before the
 * line is written. Human-readable on a terminal, JSON otherwise.
 */
export function loggingParams(config: AppConfig, destination?: DestinationStream): Params {
  const pretty = !destination && process.stdout.isTTY;
  // Request lines are written at info; above it nothing is set up for them on each request.
  const requestLines = levels.values[config.logLevel] <= levels.values.info;
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
    // Called when the request starts and again when it ends; only the end knows the caller.
    // At the start it gives nothing (not `{}`), so pino-http makes no second child logger.
    customProps: (req: IncomingMessage, res: ServerResponse) =>
      res.headersSent ? { route: routeOf(req), ...logFieldsOf(req) } : (undefined as unknown as object),
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse, ms: number) =>
      `${req.method} ${routeOf(req)} ${res.statusCode} ${Math.round(ms)}ms`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${routeOf(req)} ${res.statusCode}`,
    // Probes are not logged. Runs as the request starts, before routing: read the URL itself.
    autoLogging: requestLines && {
      ignore: (req: IncomingMessage & { originalUrl?: string }) =>
        (req.originalUrl ?? req.url ?? '').startsWith('/health/'),
    },
  };
  return {
    pinoHttp: destination ? [options, destination] : options,
    // nestjs-pino's default route pattern matches nothing under Nest 12 on Fastify.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}
