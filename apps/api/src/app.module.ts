import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@wardline/auth';
import { AppConfig, DatabaseErrorFilter, HttpExceptionFilter, UnknownErrorFilter } from '@wardline/common';
import { appDataSourceOptions, DATABASE_ENDPOINT, type DatabaseEndpoint } from '@wardline/database';
import { TenancyModule } from '@wardline/tenancy';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { CasesModule } from './modules/cases/cases.module';
import { CategoriesModule } from './modules/categories/categories.module';
import { HealthModule } from './modules/health/health.module';
import { HeavyWorkModule } from './shared/heavy-work/heavy-work.module';
import { MeModule } from './modules/me/me.module';
import { UsersModule } from './modules/users/users.module';
import { WardsModule } from './modules/wards/wards.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, endpoint: DatabaseEndpoint): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers["x-api-key"]',
                'req.headers.cookie',
                'res.headers["set-cookie"]',
              ],
              censor: '[redacted]',
            },
            autoLogging: { ignore: (req) => req.url?.startsWith('/health/') ?? false },
          },
        }),
        ClsModule.forRoot({ global: true, middleware: { mount: true } }),
        TypeOrmModule.forRoot(appDataSourceOptions(endpoint.appUrl)),
        TenancyModule,
        AuthModule,
        HeavyWorkModule,
        HealthModule,
        MeModule,
        WardsModule,
        CategoriesModule,
        CasesModule,
        UsersModule,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: DATABASE_ENDPOINT, useValue: endpoint },
        // Nest tries the last-registered filter first: the catch-all goes first.
        { provide: APP_FILTER, useClass: UnknownErrorFilter },
        { provide: APP_FILTER, useClass: DatabaseErrorFilter },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [AppConfig, DATABASE_ENDPOINT],
    };
  }
}
