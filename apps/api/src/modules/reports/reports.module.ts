import { Module } from '@nestjs/common';
import { Case } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [TenantRepositoryModule.forFeature([Case])],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
