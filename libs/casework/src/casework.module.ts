import { Global, Module } from '@nestjs/common';
import { CaseCounts } from './case-counts';
import { CaseReferences } from './case-references';

@Global()
@Module({ providers: [CaseReferences, CaseCounts], exports: [CaseReferences, CaseCounts] })
export class CaseworkModule {}
