import { Injectable } from '@nestjs/common';
import { ChangeRecorder } from '@wardline/changes';
import { ApiError, versioned, type Versioned, versionMismatch } from '@wardline/common';
import { Tenant } from '@wardline/database';
import { TenantContext, TenantTransaction } from '@wardline/tenancy';
import type { UpdateSettingsDto } from './dto/update-settings.dto';
import { settingsRuleBreaches } from './settings-rules';
import { type SettingsResponse, toSettingsResponse } from './settings.response';

type SettingsColumns = Pick<
  Tenant,
  | 'name'
  | 'timezone'
  | 'locale'
  | 'caseReferencePrefix'
  | 'defaultSlaDays'
  | 'publicFormEnabled'
  | 'anonymiseClosedCasesAfterMonths'
>;

/** The columns a patch changes: given and different from now. */
function changedColumns(current: Tenant, patch: UpdateSettingsDto): Partial<SettingsColumns> {
  const { retention, ...flat } = patch;
  const wanted: Partial<SettingsColumns> = { ...flat };
  if (retention?.anonymiseClosedCasesAfterMonths !== undefined) {
    wanted.anonymiseClosedCasesAfterMonths = retention.anonymiseClosedCasesAfterMonths;
  }
  return Object.fromEntries(
    Object.entries(wanted).filter(([column, value]) => current[column as keyof SettingsColumns] !== value),
  );
}

/** What the audit compares: the settings themselves, not the time they were saved. */
const auditedSettings = ({ updatedAt: _updatedAt, ...settings }: SettingsResponse) => settings;

/** The current tenant's own settings. The application role may change only these columns of `tenants`. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly transaction: TenantTransaction,
    private readonly tenant: TenantContext,
    private readonly recorder: ChangeRecorder,
  ) {}

  private current(lock = false): Promise<Tenant> {
    const query = this.transaction.manager
      .getRepository(Tenant)
      .createQueryBuilder('tenant')
      .where('tenant.id = :id', { id: this.tenant.tenantId });
    if (lock) query.setLock('pessimistic_write');
    return query.getOneOrFail();
  }

  async get(): Promise<Versioned<SettingsResponse>> {
    const tenant = await this.current();
    return versioned(toSettingsResponse(tenant), tenant.version);
  }

  async update(patch: UpdateSettingsDto, expectedVersion: number | undefined): Promise<Versioned<SettingsResponse>> {
    const breaches = settingsRuleBreaches(patch);
    if (Object.keys(breaches).length > 0) {
      throw ApiError.unprocessable('Invalid settings', { fields: breaches });
    }
    const before = await this.current(true);
    if (expectedVersion !== undefined && before.version !== expectedVersion) throw versionMismatch(before.version);
    const changes = changedColumns(before, patch);
    if (Object.keys(changes).length === 0) return versioned(toSettingsResponse(before), before.version);

    await this.transaction.manager
      .createQueryBuilder()
      .update(Tenant)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id', { id: before.id })
      .execute();
    const after = await this.current();
    const shown = toSettingsResponse(after);
    await this.recorder.record({
      action: 'settings.updated',
      resourceType: 'settings',
      resourceId: after.id,
      before: auditedSettings(toSettingsResponse(before)),
      after: auditedSettings(shown),
    });
    return versioned(shown, after.version);
  }
}
