import { Module } from '@nestjs/common';
import { Case, CaseEvent } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { ResidentsController } from './residents.controller';
import { ResidentsService } from './residents.service';

@Module({
  imports: [TenantRepositoryModule.forFeature([Case, CaseEvent])],
  controllers: [ResidentsController],
  providers: [ResidentsService],
})
export class ResidentsModule {}
