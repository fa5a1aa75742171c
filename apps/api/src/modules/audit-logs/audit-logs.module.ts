import { Module } from '@nestjs/common';
import { AuditLog } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { AuditLogsController } from './audit-logs.controller';
import { AuditLogsService } from './audit-logs.service';

@Module({
  imports: [TenantRepositoryModule.forFeature([AuditLog])],
  controllers: [AuditLogsController],
  providers: [AuditLogsService],
})
export class AuditLogsModule {}
