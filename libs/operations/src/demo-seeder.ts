import { Category, type Tenant, User, Ward } from '@wardline/database';
import type { EntityManager } from 'typeorm';
import { mappingDatabaseErrors } from './database-error-mapper';
import { DEMO_CATEGORIES, DEMO_TENANT, DEMO_USERS, DEMO_WARDS } from './demo-fixtures';
import { OperatorError } from './operator-error';
import type { TenantView } from './operator-views';
import { toTenantView } from './operator-views';
import type { SeedProgress } from './seed-progress';
import { TenantOperations } from './tenant-operations';
import { UserOperations } from './user-operations';

export interface SeedDemoOptions {
  /** Id or slug of an existing tenant; without it, the demo council tenant (created if absent). */
  tenant?: string;
  cases?: number;
  progress?: SeedProgress;
}

/** Per kind of row: how many this run inserted and how many were already there. */
export interface SeedCount {
  created: number;
  existing: number;
}

export interface SeedDemoResult {
  tenant: TenantView;
  tenantCreated: boolean;
  users: SeedCount;
  wards: SeedCount;
  categories: SeedCount;
  cases: { requested: number; created: number };
}

const MAX_CASES = 100_000;

/**
 * Demo data for one tenant: wards, categories and a user of every role. Idempotent: rows that
 * exist (same ward name, category slug or user email) are left as they are. Runs in the
 * caller's transaction, so a failure leaves nothing half-seeded.
 */
export class DemoSeeder {
  private readonly tenants: TenantOperations;
  private readonly users: UserOperations;

  constructor(private readonly manager: EntityManager) {
    this.tenants = new TenantOperations(manager);
    this.users = new UserOperations(manager);
  }

  async seed(options: SeedDemoOptions): Promise<SeedDemoResult> {
    const requestedCases = options.cases ?? 0;
    if (!Number.isInteger(requestedCases) || requestedCases < 0 || requestedCases > MAX_CASES) {
      throw new OperatorError(`cases must be a whole number from 0 to ${MAX_CASES}`, 'invalid');
    }
    const { tenant, created: tenantCreated } = await this.demoTenant(options.tenant);
    const { wardIds, count: wards } = await this.seedWards(tenant);
    const categories = await this.seedCategories(tenant);
    const users = await this.seedUsers(tenant, wardIds);
    const cases = this.seedCases(tenant, requestedCases, options.progress);
    return {
      tenant: toTenantView(tenant),
      tenantCreated,
      users,
      wards,
      categories,
      cases: { requested: requestedCases, created: cases },
    };
  }

  private async demoTenant(idOrSlug: string | undefined): Promise<{ tenant: Tenant; created: boolean }> {
    if (idOrSlug !== undefined) return { tenant: await this.tenants.require(idOrSlug), created: false };
    const existing = await this.tenants.find(DEMO_TENANT.slug);
    if (existing) return { tenant: existing, created: false };
    const view = await this.tenants.create({ ...DEMO_TENANT });
    return { tenant: await this.tenants.require(view.id), created: true };
  }

  private async seedWards(tenant: Tenant): Promise<{ wardIds: Map<string, string>; count: SeedCount }> {
    const repository = this.manager.getRepository(Ward);
    const existing = await repository.findBy({ tenantId: tenant.id });
    const wardIds = new Map(existing.map((ward) => [ward.name.toLowerCase(), ward.id]));
    const count: SeedCount = { created: 0, existing: 0 };
    for (const fixture of DEMO_WARDS) {
      if (wardIds.has(fixture.name.toLowerCase())) {
        count.existing += 1;
        continue;
      }
      const ward = await mappingDatabaseErrors(() =>
        repository.save(repository.create({ ...fixture, tenantId: tenant.id, enabled: true })),
      );
      wardIds.set(ward.name.toLowerCase(), ward.id);
      count.created += 1;
    }
    return { wardIds, count };
  }

  private async seedCategories(tenant: Tenant): Promise<SeedCount> {
    const repository = this.manager.getRepository(Category);
    const existing = await repository.findBy({ tenantId: tenant.id });
    const categoryIds = new Map(existing.map((category) => [category.slug, category.id]));
    const count: SeedCount = { created: 0, existing: 0 };
    for (const { parentSlug, ...fixture } of DEMO_CATEGORIES) {
      if (categoryIds.has(fixture.slug)) {
        count.existing += 1;
        continue;
      }
      const parentId = parentSlug ? (categoryIds.get(parentSlug) ?? null) : null;
      const category = await mappingDatabaseErrors(() =>
        repository.save(repository.create({ ...fixture, parentId, tenantId: tenant.id, enabled: true })),
      );
      categoryIds.set(category.slug, category.id);
      count.created += 1;
    }
    return count;
  }

  private async seedUsers(tenant: Tenant, wardIds: Map<string, string>): Promise<SeedCount> {
    const existing = await this.manager.getRepository(User).findBy({ tenantId: tenant.id });
    const emails = new Set(existing.map((user) => user.email.toLowerCase()));
    const count: SeedCount = { created: 0, existing: 0 };
    for (const { wards, ...fixture } of DEMO_USERS) {
      if (emails.has(fixture.email.toLowerCase())) {
        count.existing += 1;
        continue;
      }
      const ids = (wards ?? []).flatMap((name) => wardIds.get(name.toLowerCase()) ?? []);
      // No password: demo users cannot sign in until an admin sets one.
      await this.users.create(tenant, { ...fixture, wardIds: ids });
      count.created += 1;
    }
    return count;
  }

  /**
   * Cases arrive with a later schema: until then there is nothing to seed and this reports 0.
   * The case seeder will report through `progress` (a bar in the CLI for large counts).
   */
  private seedCases(_tenant: Tenant, _requested: number, _progress: SeedProgress | undefined): number {
    return 0;
  }
}
