import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@wardline/auth';
import { AppConfig, DatabaseErrorFilter, HttpExceptionFilter, Metrics, UnknownErrorFilter } from '@wardline/common';
import { DATABASE_ENDPOINT, type DatabaseEndpoint, dataSourceOptions } from '@wardline/database';
import { TenancyModule } from '@wardline/tenancy';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { CasesModule } from './modules/cases/cases.module';
import { CategoriesModule } from './modules/categories/categories.module';
import { HealthModule } from './modules/health/health.module';
import { MeModule } from './modules/me/me.module';
import { UsersModule } from './modules/users/users.module';
import { WardsModule } from './modules/wards/wards.module';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { loggingParams } from './observability/logging';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, endpoint: DatabaseEndpoint, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggingParams(config, logDestination)),
        ClsModule.forRoot({ global: true, middleware: { mount: true } }),
        TypeOrmModule.forRoot(dataSourceOptions(endpoint.appUrl)),
        TenancyModule,
        AuthModule,
        HealthModule,
        MeModule,
        WardsModule,
        CategoriesModule,
        CasesModule,
        UsersModule,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        Metrics,
        IdempotencyStore,
        // Global interceptors run in the order they are found; this module's come before
        // TenancyModule's, so idempotency wraps the tenant transaction.
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: DATABASE_ENDPOINT, useValue: endpoint },
        // Nest tries the last-registered filter first: the catch-all goes first.
        { provide: APP_FILTER, useClass: UnknownErrorFilter },
        { provide: APP_FILTER, useClass: DatabaseErrorFilter },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [AppConfig, DATABASE_ENDPOINT, Metrics],
    };
  }
}
