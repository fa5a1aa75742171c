import { type DynamicModule, type INestApplicationContext, type LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@wardline/common';
import { CoreModule } from '@wardline/core';
import type { DatabaseEndpoint } from '@wardline/database';
import { RetentionModule } from '@wardline/operations';
import { WebhookWorkerModule, type WebhookWorkerOptions } from '@wardline/webhooks';
import { RetentionJob } from './retention-job';

/** The worker process: the API's core (as the application role, under row-level security) and the jobs: webhook delivery and retention. */
@Module({})
export class WorkerModule {
  static forRoot(
    config: AppConfig,
    endpoint: DatabaseEndpoint,
    options: Partial<WebhookWorkerOptions> = {},
  ): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot({ config, endpoint, connectAs: 'app' }),
        WebhookWorkerModule.forRoot(options),
        RetentionModule,
      ],
      providers: [RetentionJob],
    };
  }
}

/** Starts the worker's application context (`apps/worker`, tests, the bench); `logger` replaces the console. */
export function openWorker(
  config: AppConfig,
  endpoint: DatabaseEndpoint,
  options: Partial<WebhookWorkerOptions> = {},
  logger?: LoggerService,
): Promise<INestApplicationContext> {
  const levels = config.logLevel === 'silent' ? false : (['error', 'warn', 'log'] as const);
  return NestFactory.createApplicationContext(WorkerModule.forRoot(config, endpoint, options), {
    logger: logger ?? (levels === false ? false : [...levels]),
    abortOnError: false,
  });
}
