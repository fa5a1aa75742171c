import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig, createValidationPipe, useCursorSecret } from '@wardline/common';
import type { DatabaseEndpoint } from '@wardline/database';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { mountDashboardHttp } from '../modules/admin/dashboard-http';
import { cursorSecretFor } from './cursor-secret';
import { answerClientError, answerFrameworkError } from './edge-errors';
import { acceptJsonBodiesOnly } from './json-only';
import { mountOpenApi } from './openapi';
import { requestIdOf } from './request-id';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * Every request is answered (503 + Retry-After) within this long, whatever the database does;
 * a streamed export is cut off only if it has not started by then.
 */
export const REQUEST_DEADLINE_MS = 15_000;

/** Builds the HTTP application (used by `main.ts` and the e2e tests alike). */
export async function createApp(config: AppConfig, endpoint: DatabaseEndpoint): Promise<NestFastifyApplication> {
  useCursorSecret(await cursorSecretFor(config, endpoint));
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    handlerTimeout: REQUEST_DEADLINE_MS,
    requestIdHeader: false,
    genReqId: requestIdOf,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, endpoint), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
  });
  acceptJsonBodiesOnly(fastify);
  mountDashboardHttp(fastify);
  mountOpenApi(app);
  await app.init();
  return app;
}
