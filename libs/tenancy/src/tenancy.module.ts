import { type DynamicModule, Global, Inject, Module, type Provider } from '@nestjs/common';
import type { TenantOwned } from '@wardline/database';
import { ActorContext } from './actor-context';
import { TenantContext } from './tenant-context';
import { TenantRepository } from './tenant-repository';
import { TenantTransaction } from './tenant-transaction';

type TenantEntityClass = new () => TenantOwned;

const repositoryToken = (entity: TenantEntityClass) => `TenantRepository<${entity.name}>`;

/** `@InjectTenantRepository(Ward) wards: TenantRepository<Ward>` */
export const InjectTenantRepository = (entity: TenantEntityClass) => Inject(repositoryToken(entity));

@Global()
@Module({
  providers: [TenantContext, ActorContext, TenantTransaction],
  exports: [TenantContext, ActorContext, TenantTransaction],
})
export class TenancyModule {}

/** Gives a feature module its tenant repositories: `TenantRepositoryModule.forFeature([Ward])`. */
@Module({})
export class TenantRepositoryModule {
  static forFeature(entities: TenantEntityClass[]): DynamicModule {
    const providers: Provider[] = entities.map((entity) => ({
      provide: repositoryToken(entity),
      inject: [TenantTransaction, TenantContext],
      useFactory: (transaction: TenantTransaction, tenant: TenantContext) =>
        new TenantRepository(entity, transaction, tenant),
    }));
    return { module: TenantRepositoryModule, providers, exports: providers };
  }
}
