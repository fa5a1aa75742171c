import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '@wardline/auth';
import {
  type AppConfig,
  DatabaseErrorFilter,
  ETagInterceptor,
  HttpExceptionFilter,
  UnknownErrorFilter,
} from '@wardline/common';
import { CoreModule } from '@wardline/core';
import type { DatabaseEndpoint } from '@wardline/database';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './modules/admin/admin.module';
import { AuditLogsModule } from './modules/audit-logs/audit-logs.module';
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
        CoreModule.forRoot({ config, endpoint, connectAs: 'app' }),
        AuthModule,
        HeavyWorkModule,
        HealthModule,
        MeModule,
        WardsModule,
        CategoriesModule,
        CasesModule,
        UsersModule,
        AuditLogsModule,
        AdminModule,
      ],
      providers: [
        { provide: APP_INTERCEPTOR, useClass: ETagInterceptor },
        // Nest tries the last-registered filter first: the catch-all goes first.
        { provide: APP_FILTER, useClass: UnknownErrorFilter },
        { provide: APP_FILTER, useClass: DatabaseErrorFilter },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
