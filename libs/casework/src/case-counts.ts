import { Injectable } from '@nestjs/common';
import { Case } from '@wardline/database';
import { TenantRepository, TenantContext, TenantTransaction } from '@wardline/tenancy';
import { type CaseViewer, restrictToVisibleCases } from './case-visibility';

type GroupColumn = 'wardId' | 'categoryId';

/** Counts of the cases a viewer may see, grouped: the shared query behind ward counts and reports. */
@Injectable()
export class CaseCounts {
  private readonly cases: TenantRepository<Case>;

  constructor(transaction: TenantTransaction, tenant: TenantContext) {
    this.cases = new TenantRepository(Case, transaction, tenant);
  }

  async by(column: GroupColumn, viewer: CaseViewer): Promise<Map<string, number>> {
    const query = this.cases
      .query('kase')
      .select(`kase.${column}`, 'groupId')
      .addSelect('count(*)::int', 'count')
      .andWhere(`kase.${column} IS NOT NULL`)
      .groupBy(`kase.${column}`);
    const rows = await restrictToVisibleCases(query, 'kase', viewer).getRawMany<{ groupId: string; count: number }>();
    return new Map(rows.map((row) => [row.groupId, row.count]));
  }
}
