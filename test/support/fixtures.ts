import { randomBytes } from 'node:crypto';
import { SCOPES, scopesOfPlan } from '@wardline/auth';
import { openDataSource, type Plan, type Role } from '@wardline/database';
import { Operator, type TenantView, type UserView } from '@wardline/operations';
import type { DataSource } from 'typeorm';

export const uniqueSuffix = () => randomBytes(4).toString('hex');

export interface KeyedUser {
  tenant: TenantView;
  owner: UserView;
  key: string;
  keyId: string;
}

/**
 * Test data made the way an operator makes it (the CLI's `Operator`), as the database owner,
 * so tests start from real tenants, users and keys.
 */
export class Fixtures {
  private constructor(
    readonly owner: DataSource,
    readonly operator: Operator,
  ) {}

  /** On the test database, or on another server's (`ownerUrl`). */
  static async open(ownerUrl = process.env.DATABASE_URL as string): Promise<Fixtures> {
    const owner = await openDataSource(ownerUrl, 3);
    return new Fixtures(owner, new Operator(owner));
  }

  close(): Promise<void> {
    return this.owner.destroy();
  }

  tenant(plan: Plan = 'council', label = 'council'): Promise<TenantView> {
    const suffix = uniqueSuffix();
    return this.operator.createTenant({ name: `Test ${label} ${suffix}`, plan, slug: `${label}-${suffix}` });
  }

  user(tenant: TenantView, role: Role = 'admin', name = `${role} ${uniqueSuffix()}`): Promise<UserView> {
    return this.operator.createUser({ tenant: tenant.id, role, name, email: `${uniqueSuffix()}@example.test` });
  }

  async key(tenant: TenantView, owner: Pick<UserView, 'id'>, scopes: readonly string[], expiresAt?: Date) {
    const created = await this.operator.createApiKey({
      tenant: tenant.id,
      owner: owner.id,
      name: `key ${uniqueSuffix()}`,
      scopes: [...scopes],
      expiresAt,
    });
    return { key: created.key, keyId: created.id };
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
    if (plan !== 'council') await this.operator.setPlan(tenant.id, plan);
    return { tenant: { ...tenant, plan }, owner, key, keyId };
  }
}

export const ALL_SCOPES = SCOPES;
