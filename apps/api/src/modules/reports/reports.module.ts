import { Module } from '@nestjs/common';
import { Case, CaseDayCount, CaseDayDuration } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { ReportsController } from './reports.controller';
import { ReportRollups } from './report-rollups';
import { ReportsService } from './reports.service';

@Module({
  imports: [TenantRepositoryModule.forFeature([Case, CaseDayCount, CaseDayDuration])],
  controllers: [ReportsController],
  providers: [ReportsService, ReportRollups],
})
export class ReportsModule {}
