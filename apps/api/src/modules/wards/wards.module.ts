import { Module } from '@nestjs/common';
import { Case, User, Ward } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { WardsController } from './wards.controller';
import { WardsService } from './wards.service';

@Module({
  imports: [TenantRepositoryModule.forFeature([Ward, User, Case])],
  controllers: [WardsController],
  providers: [WardsService],
})
export class WardsModule {}
