import { type Plan, PLANS, Tenant, type TenantStatus } from '@wardline/database';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { mappingDatabaseErrors } from './database-error-mapper';
import { isUuid, requireOneOf, requireText } from './input-rules';
import { OperatorError } from './operator-error';
import { toTenantView, type TenantView } from './operator-views';
import { chooseSlug } from './slug-generator';

export interface CreateTenantInput {
  name: string;
  plan: Plan;
  slug?: string;
}

/** Tenants as the database owner sees them: every tenant, no row-level security. */
export class TenantOperations {
  constructor(private readonly manager: EntityManager) {}

  private get tenants() {
    return this.manager.getRepository(Tenant);
  }

  async create(input: CreateTenantInput): Promise<TenantView> {
    const name = requireText(input.name, 'Tenant name');
    const plan = requireOneOf(input.plan, PLANS, 'plan');
    const slug = chooseSlug(name, input.slug);
    const tenant = await mappingDatabaseErrors(
      () => this.tenants.save(this.tenants.create({ name, slug, plan, status: 'active' })),
      { tenants_slug_key: `A tenant with slug "${slug}" already exists` },
    );
    return toTenantView(tenant);
  }

  /** By id or by slug (case-insensitive); `null` when there is no such tenant. */
  async find(idOrSlug: string): Promise<Tenant | null> {
    const key = idOrSlug.trim();
    if (!key) return null;
    const bySlug: FindOptionsWhere<Tenant> = { slug: key.toLowerCase() };
    return this.tenants.findOne({ where: isUuid(key) ? [{ id: key.toLowerCase() }, bySlug] : bySlug });
  }

  async require(idOrSlug: string): Promise<Tenant> {
    const tenant = await this.find(idOrSlug);
    if (!tenant) throw new OperatorError(`No tenant with id or slug "${idOrSlug}"`, 'not_found');
    return tenant;
  }

  async setPlan(idOrSlug: string, plan: Plan): Promise<TenantView> {
    const checked = requireOneOf(plan, PLANS, 'plan');
    return this.change(idOrSlug, (tenant) => (tenant.plan = checked));
  }

  async setStatus(idOrSlug: string, status: TenantStatus): Promise<TenantView> {
    return this.change(idOrSlug, (tenant) => (tenant.status = status));
  }

  private async change(idOrSlug: string, apply: (tenant: Tenant) => void): Promise<TenantView> {
    const tenant = await this.require(idOrSlug);
    apply(tenant);
    // `save` writes only changed columns, so a no-op change fires no auth-change trigger.
    return toTenantView(await mappingDatabaseErrors(() => this.tenants.save(tenant)));
  }
}
