import { Injectable } from '@nestjs/common';
import { Tenant } from '@wardline/database';
import { TenantContext, TenantTransaction } from '@wardline/tenancy';

/** What a new case takes from its tenant's settings. */
export interface CaseDefaults {
  reference: string;
  defaultSlaDays: number;
}

const yearIn = (timezone: string, at: Date): number =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric' }).format(at));

/**
 * `<prefix>-<YYYY>-<seq>`: one counter row per tenant and year, bumped with an upsert that
 * holds the row lock until the transaction ends, so concurrent creates never share a number.
 */
@Injectable()
export class CaseReferences {
  constructor(
    private readonly transaction: TenantTransaction,
    private readonly tenant: TenantContext,
  ) {}

  async next(at: Date): Promise<CaseDefaults> {
    const manager = this.transaction.manager;
    const settings = await manager.getRepository(Tenant).findOneOrFail({
      where: { id: this.tenant.tenantId },
      select: { caseReferencePrefix: true, defaultSlaDays: true, timezone: true },
    });
    const year = yearIn(settings.timezone, at);
    const [{ last_value: sequence }] = (await manager.query(
      `INSERT INTO case_reference_counters (tenant_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = case_reference_counters.last_value + 1
       RETURNING last_value`,
      [this.tenant.tenantId, year],
    )) as { last_value: number }[];
    return {
      reference: `${settings.caseReferencePrefix}-${year}-${String(sequence).padStart(4, '0')}`,
      defaultSlaDays: settings.defaultSlaDays,
    };
  }
}
