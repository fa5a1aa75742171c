import { Injectable } from '@nestjs/common';
import { Tenant } from '@wardline/database';
import { TenantContext, TenantTransaction } from '@wardline/tenancy';
import type { EntityManager } from 'typeorm';

/** The widest UTC offsets in use (UTC−12 to UTC+14): beyond them a UTC year is the local year. */
const MAX_OFFSET_MS = 14 * 3_600_000;

/**
 * The calendar year of an instant in `timezone`, the year a reference carries. Asks Intl only
 * near a New Year, so it is cheap per case.
 */
export function referenceYearIn(timezone: string): (at: number) => number {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric' });
  return (at) => {
    const utcYear = new Date(at).getUTCFullYear();
    const fromStart = at - Date.UTC(utcYear, 0, 1);
    const toEnd = Date.UTC(utcYear + 1, 0, 1) - at;
    return fromStart > MAX_OFFSET_MS && toEnd > MAX_OFFSET_MS ? utcYear : Number(format.format(at));
  };
}

/** `CW-2026-0042`: at least four digits of sequence. */
export const formatReference = (prefix: string, year: number, sequence: number): string =>
  `${prefix}-${year}-${String(sequence).padStart(4, '0')}`;

/**
 * Takes `count` numbers from the tenant's counter for `year` (one row per tenant and year, bumped
 * by an upsert); returns the first. The row stays locked until the caller's transaction ends,
 * so concurrent creates in that year wait and then continue after the block: no number is
 * ever given twice.
 */
async function reserveReferenceBlock(
  manager: EntityManager,
  tenantId: string,
  year: number,
  count: number,
): Promise<number> {
  const [{ last_value: last }] = (await manager.query(
    `INSERT INTO case_reference_counters (tenant_id, year, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = case_reference_counters.last_value + $3
     RETURNING last_value`,
    [tenantId, year, count],
  )) as { last_value: number }[];
  return last - count + 1;
}

/** One reference per entry of `years` (each case's year): one block per year, numbered in order. */
export async function reserveReferences(
  manager: EntityManager,
  tenant: { id: string; caseReferencePrefix: string },
  years: readonly number[],
): Promise<string[]> {
  const counts = new Map<number, number>();
  for (const year of years) counts.set(year, (counts.get(year) ?? 0) + 1);
  const next = new Map<number, number>();
  for (const [year, count] of [...counts].toSorted(([a], [b]) => a - b)) {
    next.set(year, await reserveReferenceBlock(manager, tenant.id, year, count));
  }
  return years.map((year) => {
    const sequence = next.get(year) as number;
    next.set(year, sequence + 1);
    return formatReference(tenant.caseReferencePrefix, year, sequence);
  });
}

/** What a new case takes from its tenant's settings. */
export interface CaseDefaults {
  reference: string;
  defaultSlaDays: number;
}

/** The next reference for a case created now in the current tenant, and its default SLA. */
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
      select: { id: true, caseReferencePrefix: true, defaultSlaDays: true, timezone: true },
    });
    const [reference] = await reserveReferences(manager, settings, [referenceYearIn(settings.timezone)(at.getTime())]);
    return { reference, defaultSlaDays: settings.defaultSlaDays };
  }
}
