import type { Plan, Role } from '@wardline/database';
import type { DataSource } from 'typeorm';
import { ApiKeyOperations } from './api-key-operations';
import { DemoCaseSeeder, requireCaseCount } from './demo-case-seeder';
import { DemoSeeder, type SeedDemoOptions, type SeedDemoResult } from './demo-seeder';
import type { ApiKeyListItem, CreatedApiKey, TenantView, UserView } from './operator-views';
import { toTenantView } from './operator-views';
import { type CreateTenantInput, TenantOperations } from './tenant-operations';
import { UserOperations } from './user-operations';

export interface CreateUserInput {
  /** Tenant id or slug. */
  tenant: string;
  email: string;
  name: string;
  role: Role;
  password?: string;
}

export interface CreateApiKeyInput {
  /** Tenant id or slug. */
  tenant: string;
  /** User id or email of a user of that tenant. */
  owner: string;
  name: string;
  scopes: string[];
  expiresAt?: Date;
  createdBy?: string;
}

/**
 * Operator tasks (contract §5) on a DataSource connected as the database owner, which the
 * `operator_access` policies let past row-level security into every tenant. Failures an
 * operator can fix are `OperatorError`s.
 */
export class Operator {
  private readonly tenants: TenantOperations;
  private readonly users: UserOperations;
  private readonly apiKeys: ApiKeyOperations;

  constructor(private readonly dataSource: DataSource) {
    this.tenants = new TenantOperations(dataSource.manager);
    this.users = new UserOperations(dataSource.manager);
    this.apiKeys = new ApiKeyOperations(dataSource.manager, this.users);
  }

  createTenant(input: CreateTenantInput): Promise<TenantView> {
    return this.tenants.create(input);
  }

  async findTenant(idOrSlug: string): Promise<TenantView | null> {
    const tenant = await this.tenants.find(idOrSlug);
    return tenant ? toTenantView(tenant) : null;
  }

  setPlan(idOrSlug: string, plan: Plan): Promise<TenantView> {
    return this.tenants.setPlan(idOrSlug, plan);
  }

  suspendTenant(idOrSlug: string): Promise<TenantView> {
    return this.tenants.setStatus(idOrSlug, 'suspended');
  }

  activateTenant(idOrSlug: string): Promise<TenantView> {
    return this.tenants.setStatus(idOrSlug, 'active');
  }

  async createUser({ tenant, ...fields }: CreateUserInput): Promise<UserView> {
    return this.users.create(await this.tenants.require(tenant), fields);
  }

  disableUser(userId: string): Promise<UserView> {
    return this.users.disable(userId);
  }

  async createApiKey({ tenant, ...fields }: CreateApiKeyInput): Promise<CreatedApiKey> {
    return this.apiKeys.create(await this.tenants.require(tenant), fields);
  }

  async listApiKeys(tenant: string): Promise<ApiKeyListItem[]> {
    return this.apiKeys.list(await this.tenants.require(tenant));
  }

  revokeApiKey(keyId: string): Promise<ApiKeyListItem> {
    return this.apiKeys.revoke(keyId);
  }

  /**
   * Wards, categories and users in one transaction (idempotent), then `cases` more demo cases
   * in batches that each commit on their own.
   */
  async seedDemo(options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
    const requested = requireCaseCount(options.cases ?? 0);
    const fixtures = await this.dataSource.transaction((manager) => new DemoSeeder(manager).seed(options.tenant));
    const created = await new DemoCaseSeeder(this.dataSource).seed(fixtures.tenant.id, requested, options.progress);
    return { ...fixtures, cases: { requested, created } };
  }
}
