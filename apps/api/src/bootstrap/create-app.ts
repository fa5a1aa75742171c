import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { RequestMethod } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { LastUsedRecorder } from '@wardline/auth';
import {
  allowStreamedExports,
  type AppConfig,
  createValidationPipe,
  Metrics,
  sendVersionsAsETags,
  useCursorSecret,
} from '@wardline/common';
import type { DatabaseEndpoint } from '@wardline/database';
import { TenantContext, TenantTransaction, TenantTransactionInterceptor } from '@wardline/tenancy';
import { ClsService } from 'nestjs-cls';
import { PARAMS_PROVIDER_TOKEN, type Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { countRequests } from '../observability/http-metrics';
import { logRequests } from '../observability/logging';
import { mountMetricsRoute, startMetricsServer } from '../observability/metrics-endpoint';
import { countPoolUsage } from '../observability/pool-metrics';
import { QuietStartupLogger } from '../observability/quiet-startup-logger';
import { RequestPinoLogger } from '../observability/request-logger';
import { tagRoutes } from '../observability/request-route';
import { mountDashboardHttp } from '../modules/admin/dashboard-http';
import { cursorSecretFor } from './cursor-secret';
import { answerClientError, answerFrameworkError } from './edge-errors';
import { acceptJsonBodiesOnly } from './json-only';
import { mountOpenApi } from './openapi';
import { runRequestsInContext } from './request-context';
import { requestIdOf } from './request-id';
import { interceptRoutes } from './route-interceptors';
import { SECURITY_HEADERS, sendSecurityHeaders } from './security-headers';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * Every request is answered (503 + Retry-After) within this long, whatever the database does;
 * a streamed export (`@StreamedExport()`) has `EXPORT_DEADLINE_MS` instead.
 */
export const REQUEST_DEADLINE_MS = 15_000;

export interface AppOptions {
  /** Where log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/** Builds the HTTP application (used by `main.ts` and the e2e tests alike). */
export async function createApp(
  config: AppConfig,
  endpoint: DatabaseEndpoint,
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  useCursorSecret(await cursorSecretFor(config, endpoint));
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    handlerTimeout: REQUEST_DEADLINE_MS,
    requestIdHeader: false,
    genReqId: requestIdOf,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // A hop count, not `true`: a client cannot pick its own IP by sending X-Forwarded-For.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    routerOptions: { ignoreTrailingSlash: true },
    // No Nest middleware: the request context and the request log are Fastify hooks.
    skipMiddie: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, endpoint, options.logDestination),
    adapter,
    { bufferLogs: true },
  );
  const logger = new RequestPinoLogger(app.get<Params>(PARAMS_PROVIDER_TOKEN));
  app.useLogger(new QuietStartupLogger(logger, {}));
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  runRequestsInContext(fastify, app.get(ClsService));
  logRequests(fastify, logger.logger, config);
  sendSecurityHeaders(fastify, SECURITY_HEADERS);
  tagRoutes(fastify);
  allowStreamedExports(fastify);
  sendVersionsAsETags(fastify);
  acceptJsonBodiesOnly(fastify);

  const metrics = app.get(Metrics);
  countRequests(fastify, metrics);
  countPoolUsage(metrics, app.get(DataSource));
  mountMetricsRoute(fastify, metrics, config);
  const metricsServer = await startMetricsServer(metrics, config);
  if (metricsServer) fastify.addHook('onClose', async () => void metricsServer.close());
  // Runs once the requests in flight are done and before Nest closes the pools.
  fastify.addHook('onClose', () => app.get(LastUsedRecorder).flush());

  mountDashboardHttp(fastify);
  mountOpenApi(app);
  interceptRequests(app);
  await app.init();
  return app;
}

/**
 * Idempotency wraps the tenant transaction (its claim commits on its own, the answer is kept
 * only once the work is committed). Neither can apply where no guard binds a tenant; POSTs
 * alone are idempotent.
 */
function interceptRequests(app: NestFastifyApplication): void {
  const idempotency = app.get(IdempotencyInterceptor);
  const reflector = app.get(Reflector);
  const tenant = app.get(TenantContext);
  const transaction = app.get(TenantTransaction);
  interceptRoutes(app, ({ method, handler, mayBindTenant }) => [
    mayBindTenant && method === RequestMethod.POST ? idempotency : undefined,
    mayBindTenant ? TenantTransactionInterceptor.forRoute(handler, reflector, tenant, transaction) : undefined,
  ]);
}
