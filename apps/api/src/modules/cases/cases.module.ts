import { Module } from '@nestjs/common';
import { Case, CaseEvent, Category, User, Ward } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { NoteRateLimit } from './note-rate-limit';

@Module({
  imports: [TenantRepositoryModule.forFeature([Case, CaseEvent, Ward, Category, User])],
  controllers: [CasesController],
  providers: [CasesService, NoteRateLimit],
  exports: [CasesService],
})
export class CasesModule {}
