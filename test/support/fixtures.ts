import { randomBytes } from 'node:crypto';
import type { ApiKeyListItem, NewUserFields, TenantView, UserView } from '@wardline/accounts';
import { SCOPES, scopesOfPlan } from '@wardline/auth';
import { AppConfig } from '@wardline/common';
import { appUrlFrom, openDataSource, type Plan, type Role } from '@wardline/database';
import { openOperator, type OperatorServices, type SeedDemoOptions, type SeedDemoResult } from '@wardline/operations';
import { systemActor } from '@wardline/tenancy';
import type { DataSource } from 'typeorm';
import { registerSensitive } from './leak-registry';
import { runLogger } from './run-log';
import { testEndpoint } from './test-app';

export const uniqueSuffix = () => randomBytes(4).toString('hex');

export interface KeyedUser {
  tenant: TenantView;
  owner: UserView;
  key: string;
  keyId: string;
}

/** The actor the audit log names for fixture changes. */
export const FIXTURES_ACTOR = systemActor('test fixtures');

/**
 * Test data made the way an operator makes it — through the operator's services (the CLI's), as
 * the database owner — so tests start from real, audited tenants, users and keys.
 */
export class Fixtures {
  private constructor(
    readonly owner: DataSource,
    private readonly operator: OperatorServices,
  ) {}

  /** On the test database, or on another server's (`ownerUrl`). */
  static async open(ownerUrl = testEndpoint().ownerUrl): Promise<Fixtures> {
    const endpoint = { ...testEndpoint(), ownerUrl, appUrl: appUrlFrom(ownerUrl) };
    const config = new AppConfig({ DATABASE_URL: ownerUrl, LOG_LEVEL: 'silent' });
    const [owner, operator] = await Promise.all([
      openDataSource(ownerUrl, 3),
      openOperator(config, endpoint, runLogger('test fixtures')),
    ]);
    return new Fixtures(owner, operator);
  }

  async close(): Promise<void> {
    await Promise.all([this.owner.destroy(), this.operator.close()]);
  }

  private as<T>(work: (operator: OperatorServices) => Promise<T>): Promise<T> {
    return this.operator.as(FIXTURES_ACTOR, () => work(this.operator));
  }

  tenant(plan: Plan = 'council', label = 'council'): Promise<TenantView> {
    const suffix = uniqueSuffix();
    return this.as(({ tenants }) =>
      tenants.create({ name: `Test ${label} ${suffix}`, plan, slug: `${label}-${suffix}` }),
    );
  }

  user(tenant: TenantView, role: Role = 'admin', name = `${role} ${uniqueSuffix()}`): Promise<UserView> {
    return this.createUser(tenant, { role, name, email: `${uniqueSuffix()}@example.test` });
  }

  createUser(tenant: Pick<TenantView, 'id'>, fields: NewUserFields): Promise<UserView> {
    return this.as(async ({ tenants, users }) => users.create(await tenants.require(tenant.id), fields));
  }

  async key(tenant: TenantView, owner: Pick<UserView, 'id'>, scopes: readonly string[], expiresAt?: Date) {
    const created = await this.as(async ({ tenants, apiKeys }) =>
      apiKeys.create(await tenants.require(tenant.id), {
        owner: owner.id,
        name: `key ${uniqueSuffix()}`,
        scopes: [...scopes],
        expiresAt,
      }),
    );
    registerSensitive('api key', created.key);
    return { key: created.key, keyId: created.id };
  }

  disableUser(userId: string): Promise<UserView> {
    return this.as(({ users }) => users.disable(userId));
  }

  revokeKey(keyId: string): Promise<ApiKeyListItem> {
    return this.as(({ apiKeys }) => apiKeys.revoke(keyId));
  }

  listKeys(tenant: Pick<TenantView, 'id'>): Promise<ApiKeyListItem[]> {
    return this.as(async ({ tenants, apiKeys }) => apiKeys.list(await tenants.require(tenant.id)));
  }

  setPlan(tenantId: string, plan: Plan): Promise<TenantView> {
    return this.as(({ tenants }) => tenants.setPlan(tenantId, plan));
  }

  suspendTenant(tenantId: string): Promise<TenantView> {
    return this.as(({ tenants }) => tenants.setStatus(tenantId, 'suspended'));
  }

  activateTenant(tenantId: string): Promise<TenantView> {
    return this.as(({ tenants }) => tenants.setStatus(tenantId, 'active'));
  }

  seedDemo(options: SeedDemoOptions): Promise<SeedDemoResult> {
    return this.as(({ demo }) => demo.seed(options));
  }

  /**
   * A tenant of `plan` with one user of `role` holding a key with `scopes` (default: all the
   * plan has). The key is made while the tenant is on council, then the plan is set, as after
   * a downgrade, so a key may hold scopes its plan no longer includes.
   */
  async keyedUser(plan: Plan = 'council', role: Role = 'admin', scopes?: readonly string[]): Promise<KeyedUser> {
    const tenant = await this.tenant('council', plan);
    const owner = await this.user(tenant, role);
    const { key, keyId } = await this.key(tenant, owner, scopes ?? scopesOfPlan(plan === 'pro' ? 'pro' : 'council'));
    if (plan !== 'council') await this.setPlan(tenant.id, plan);
    return { tenant: { ...tenant, plan }, owner, key, keyId };
  }
}

export const ALL_SCOPES = SCOPES;
