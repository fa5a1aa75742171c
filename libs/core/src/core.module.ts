import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@wardline/accounts';
import { CaseworkModule } from '@wardline/casework';
import { ChangesModule } from '@wardline/changes';
import { AppConfig } from '@wardline/common';
import { appDataSourceOptions, DATABASE_ENDPOINT, type DatabaseEndpoint, dataSourceOptions } from '@wardline/database';
import { TenancyModule } from '@wardline/tenancy';
import { ClsService, ClsServiceManager } from 'nestjs-cls';

export interface CoreOptions {
  config: AppConfig;
  endpoint: DatabaseEndpoint;
  /** The API connects as the application role; the operator CLI as the owner. */
  connectAs: 'app' | 'owner';
  poolSize?: number;
}

/**
 * What every Wardline process stands on — the API, the operator CLI and background work alike:
 * configuration, the request context, the database, tenancy, the change recorder, casework and
 * the account services. One write path, whoever writes.
 */
@Module({})
export class CoreModule {
  static forRoot({ config, endpoint, connectAs, poolSize }: CoreOptions): DynamicModule {
    const url = connectAs === 'app' ? endpoint.appUrl : endpoint.ownerUrl;
    return {
      module: CoreModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(connectAs === 'app' ? appDataSourceOptions(url) : dataSourceOptions(url, poolSize)),
        TenancyModule,
        ChangesModule,
        CaseworkModule,
        AccountsModule,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: DATABASE_ENDPOINT, useValue: endpoint },
        // The request context's store (AsyncLocalStorage). Not `ClsModule.forRoot()`: that
        // mounts a guard and an interceptor on every route even when they do nothing. The API
        // enters a context per request itself (apps/api/src/bootstrap/request-context.ts).
        { provide: ClsService, useValue: ClsServiceManager.getClsService() },
      ],
      exports: [AppConfig, DATABASE_ENDPOINT, ClsService],
    };
  }
}
