import { Global, Module } from '@nestjs/common';
import { ApiKeysService } from './api-keys.service';
import { TenantsService } from './tenants.service';
import { UserAccountsService } from './user-accounts.service';

@Global()
@Module({
  providers: [TenantsService, UserAccountsService, ApiKeysService],
  exports: [TenantsService, UserAccountsService, ApiKeysService],
})
export class AccountsModule {}
