import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '@wardline/auth';
import {
  type AppConfig,
  DatabaseErrorFilter,
  HttpExceptionFilter,
  Metrics,
  UnknownErrorFilter,
} from '@wardline/common';
import { CoreModule } from '@wardline/core';
import type { DatabaseEndpoint } from '@wardline/database';
import { WebhookWorkerModule } from '@wardline/webhooks';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AdminModule } from './modules/admin/admin.module';
import { AuditLogsModule } from './modules/audit-logs/audit-logs.module';
import { CasesModule } from './modules/cases/cases.module';
import { CategoriesModule } from './modules/categories/categories.module';
import { EventsModule } from './modules/events/events.module';
import { HealthModule } from './modules/health/health.module';
import { HeavyWorkModule } from './shared/heavy-work/heavy-work.module';
import { MeModule } from './modules/me/me.module';
import { NewsModule } from './modules/news/news.module';
import { PublicIntakeModule } from './modules/public-intake/public-intake.module';
import { ReportsModule } from './modules/reports/reports.module';
import { ResidentsModule } from './modules/residents/residents.module';
import { SettingsModule } from './modules/settings/settings.module';
import { UsersModule } from './modules/users/users.module';
import { WardsModule } from './modules/wards/wards.module';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { loggingParams } from './observability/logging';
import { WebhooksModule } from './modules/webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, endpoint: DatabaseEndpoint, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggingParams(config, logDestination)),
        CoreModule.forRoot({ config, endpoint, connectAs: 'app' }),
        AuthModule,
        HeavyWorkModule,
        HealthModule,
        MeModule,
        WardsModule,
        CategoriesModule,
        CasesModule,
        ResidentsModule,
        UsersModule,
        AuditLogsModule,
        EventsModule,
        NewsModule,
        WebhooksModule,
        // The embedded default is one process: it delivers webhooks itself (elsewhere: apps/worker).
        ...(endpoint.embedded ? [WebhookWorkerModule.forRoot()] : []),
        ReportsModule,
        SettingsModule,
        PublicIntakeModule,
        AdminModule,
      ],
      providers: [
        Metrics,
        IdempotencyStore,
        // Given to the routes it applies to by `createApp` (bootstrap/route-interceptors.ts).
        IdempotencyInterceptor,
        // Nest tries the last-registered filter first: the catch-all goes first.
        { provide: APP_FILTER, useClass: UnknownErrorFilter },
        { provide: APP_FILTER, useClass: DatabaseErrorFilter },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [Metrics],
    };
  }
}
