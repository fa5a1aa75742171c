import { Global, Module } from '@nestjs/common';
import { CaseCounts } from './case-counts';
import { CaseReferences } from './case-references';
import { ResidentAnonymiser } from './resident-anonymisation';

@Global()
@Module({
  providers: [CaseReferences, CaseCounts, ResidentAnonymiser],
  exports: [CaseReferences, CaseCounts, ResidentAnonymiser],
})
export class CaseworkModule {}
