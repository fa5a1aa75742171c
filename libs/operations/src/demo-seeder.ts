import { Injectable } from '@nestjs/common';
import { type TenantView, TenantsService, toTenantView, UserAccountsService } from '@wardline/accounts';
import { ChangeRecorder } from '@wardline/changes';
import { Category, type Tenant, User, Ward } from '@wardline/database';
import { TenantTransaction } from '@wardline/tenancy';
import { DemoCaseSeeder, requireCaseCount } from './demo-case-seeder';
import { DEMO_CATEGORIES, DEMO_TENANT, DEMO_USERS, DEMO_WARDS } from './demo-fixtures';
import type { SeedProgress } from './seed-progress';

export interface SeedDemoOptions {
  /** Id or slug of an existing tenant; without it, the demo council tenant (created if absent). */
  tenant?: string;
  /** Demo cases to add (each run adds this many more); 0 by default. */
  cases?: number;
  progress?: SeedProgress;
  /** Sets the demo admin's dashboard password when the admin is created (the first start's). */
  adminPassword?: string;
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

/**
 * Demo data for one tenant: wards, categories and a user of every role, then `cases` more demo
 * cases. Idempotent for the fixtures: rows that exist (same ward name, category slug or user
 * email) are left as they are. The tenant and users go through the account services (each
 * audited); wards and categories are one transaction with one audit entry for the lot.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly tenants: TenantsService,
    private readonly users: UserAccountsService,
    private readonly transaction: TenantTransaction,
    private readonly recorder: ChangeRecorder,
    private readonly cases: DemoCaseSeeder,
  ) {}

  async seed(options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
    const requested = requireCaseCount(options.cases ?? 0);
    const { tenant, created: tenantCreated } = await this.demoTenant(options.tenant);
    const { wardIds, wards, categories } = await this.seedPlaces(tenant);
    const users = await this.seedUsers(tenant, wardIds, options.adminPassword);
    const created = await this.cases.seed(tenant.id, requested, options.progress);
    return {
      tenant: toTenantView(tenant),
      tenantCreated,
      users,
      wards,
      categories,
      cases: { requested, created },
    };
  }

  private async demoTenant(idOrSlug: string | undefined): Promise<{ tenant: Tenant; created: boolean }> {
    if (idOrSlug !== undefined) return { tenant: await this.tenants.require(idOrSlug), created: false };
    const existing = await this.tenants.find(DEMO_TENANT.slug);
    if (existing) return { tenant: existing, created: false };
    const view = await this.tenants.create({ ...DEMO_TENANT });
    return { tenant: await this.tenants.require(view.id), created: true };
  }

  private seedPlaces(tenant: Tenant) {
    return this.transaction.runFor(tenant.id, async () => {
      const { wardIds, count: wards } = await this.seedWards(tenant);
      const categories = await this.seedCategories(tenant);
      if (wards.created + categories.created > 0) {
        await this.recorder.record({
          action: 'demo.seeded',
          resourceType: 'tenant',
          resourceId: tenant.id,
          after: { wardsCreated: wards.created, categoriesCreated: categories.created },
        });
      }
      return { wardIds, wards, categories };
    });
  }

  private async seedWards(tenant: Tenant): Promise<{ wardIds: Map<string, string>; count: SeedCount }> {
    const repository = this.transaction.manager.getRepository(Ward);
    const existing = await repository.findBy({ tenantId: tenant.id });
    const wardIds = new Map(existing.map((ward) => [ward.name.toLowerCase(), ward.id]));
    const count: SeedCount = { created: 0, existing: 0 };
    for (const fixture of DEMO_WARDS) {
      if (wardIds.has(fixture.name.toLowerCase())) {
        count.existing += 1;
        continue;
      }
      const ward = await repository.save(repository.create({ ...fixture, tenantId: tenant.id, enabled: true }));
      wardIds.set(ward.name.toLowerCase(), ward.id);
      count.created += 1;
    }
    return { wardIds, count };
  }

  private async seedCategories(tenant: Tenant): Promise<SeedCount> {
    const repository = this.transaction.manager.getRepository(Category);
    const existing = await repository.findBy({ tenantId: tenant.id });
    const categoryIds = new Map(existing.map((category) => [category.slug, category.id]));
    const count: SeedCount = { created: 0, existing: 0 };
    for (const { parentSlug, ...fixture } of DEMO_CATEGORIES) {
      if (categoryIds.has(fixture.slug)) {
        count.existing += 1;
        continue;
      }
      const parentId = parentSlug ? (categoryIds.get(parentSlug) ?? null) : null;
      const category = await repository.save(
        repository.create({ ...fixture, parentId, tenantId: tenant.id, enabled: true }),
      );
      categoryIds.set(category.slug, category.id);
      count.created += 1;
    }
    return count;
  }

  private async seedUsers(tenant: Tenant, wardIds: Map<string, string>, adminPassword?: string): Promise<SeedCount> {
    const existing = await this.transaction.runFor(tenant.id, () =>
      this.transaction.manager.getRepository(User).findBy({ tenantId: tenant.id }),
    );
    const emails = new Set(existing.map((user) => user.email.toLowerCase()));
    const count: SeedCount = { created: 0, existing: 0 };
    for (const { wards, ...fixture } of DEMO_USERS) {
      if (emails.has(fixture.email.toLowerCase())) {
        count.existing += 1;
        continue;
      }
      const ids = (wards ?? []).flatMap((name) => wardIds.get(name.toLowerCase()) ?? []);
      // Only the admin may get a password: the others cannot sign in until one is set.
      const password = fixture.role === 'admin' ? adminPassword : undefined;
      await this.users.create(tenant, { ...fixture, wardIds: ids, password });
      count.created += 1;
    }
    return count;
  }
}
