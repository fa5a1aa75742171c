import { type DynamicModule, type INestApplicationContext, type LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiKeysService, TenantsService, UserAccountsService } from '@wardline/accounts';
import type { AppConfig } from '@wardline/common';
import { CoreModule } from '@wardline/core';
import type { DatabaseEndpoint } from '@wardline/database';
import { type Actor, ActorContext } from '@wardline/tenancy';
import { DataSource } from 'typeorm';
import { DemoSeeder } from './demo-seeder';
import { OperationsModule } from './operations.module';
import { RetentionService } from './retention.service';

/** The API's own core and services, connected as the owner of the tables: for operator work. */
@Module({})
export class OperatorModule {
  static forRoot(config: AppConfig, endpoint: DatabaseEndpoint): DynamicModule {
    return {
      module: OperatorModule,
      imports: [CoreModule.forRoot({ config, endpoint, connectAs: 'owner', poolSize: 2 }), OperationsModule],
    };
  }
}

/** What operator work goes through: the same services the API uses. */
export interface OperatorServices {
  tenants: TenantsService;
  users: UserAccountsService;
  apiKeys: ApiKeysService;
  demo: DemoSeeder;
  retention: RetentionService;
  /** Whether the database lacks migrations this code expects. */
  schemaBehind(): Promise<boolean>;
  /** Runs work as `actor` (the audit log names it). */
  as<T>(actor: Actor, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Starts the operator's application context (the CLI, the first start, test fixtures); `logger` replaces the console. */
export async function openOperator(
  config: AppConfig,
  endpoint: DatabaseEndpoint,
  logger?: LoggerService,
): Promise<OperatorServices> {
  const context: INestApplicationContext = await NestFactory.createApplicationContext(
    OperatorModule.forRoot(config, endpoint),
    { logger: logger ?? ['error', 'warn'], abortOnError: false },
  );
  const actors = context.get(ActorContext);
  return {
    tenants: context.get(TenantsService),
    users: context.get(UserAccountsService),
    apiKeys: context.get(ApiKeysService),
    demo: context.get(DemoSeeder),
    retention: context.get(RetentionService),
    schemaBehind: () => context.get(DataSource).showMigrations(),
    as: (actor, work) => actors.run(actor, work),
    close: () => context.close(),
  };
}
