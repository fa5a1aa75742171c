import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ChangeRecorder } from '@wardline/changes';
import { ApiError, withDatabaseErrorMessages } from '@wardline/common';
import { type Plan, PLANS, Tenant, type TenantStatus } from '@wardline/database';
import { TenantContext, TenantTransaction } from '@wardline/tenancy';
import { type TenantView, toTenantView } from './account-views';
import { isUuid, requireOneOf, requireText } from './input-rules';
import { chooseSlug } from './slug-generator';

export interface CreateTenantInput {
  name: string;
  plan: Plan;
  slug?: string;
}

/**
 * Councils as the operator manages them. Creating a tenant and changing its plan or status
 * are operator actions: the API's own database role cannot write these columns.
 */
@Injectable()
export class TenantsService {
  constructor(
    private readonly transaction: TenantTransaction,
    private readonly recorder: ChangeRecorder,
    private readonly context: TenantContext,
  ) {}

  async create(input: CreateTenantInput): Promise<TenantView> {
    const name = requireText(input.name, 'Tenant name');
    const plan = requireOneOf(input.plan, PLANS, 'plan');
    const slug = chooseSlug(name, input.slug);
    const id = randomUUID();
    return withDatabaseErrorMessages({ tenants_slug_key: `A tenant with slug "${slug}" already exists` }, () =>
      this.transaction.runFor(id, async () => {
        const tenants = this.transaction.manager.getRepository(Tenant);
        const tenant = await tenants.save(tenants.create({ id, name, slug, plan, status: 'active' }));
        const view = toTenantView(tenant);
        await this.recorder.record({
          action: 'tenant.created',
          resourceType: 'tenant',
          resourceId: id,
          after: { ...view },
        });
        return view;
      }),
    );
  }

  /** Whether any council exists yet (the first start seeds a demo one when none does). */
  async any(): Promise<boolean> {
    return (await this.transaction.dataSource.getRepository(Tenant).count({ take: 1 })) > 0;
  }

  /** By id or by slug (case-insensitive); `null` when there is no such tenant. */
  async find(idOrSlug: string): Promise<Tenant | null> {
    const key = idOrSlug.trim().toLowerCase();
    if (!key) return null;
    const tenants = this.transaction.dataSource.getRepository(Tenant);
    return tenants.findOne({ where: isUuid(key) ? [{ id: key }, { slug: key }] : { slug: key } });
  }

  /** The tenant the current request acts for, read in its own transaction (row-level security allows no other). */
  async current(): Promise<Tenant> {
    const id = this.context.tenantId;
    return this.transaction.run(() => this.transaction.manager.getRepository(Tenant).findOneByOrFail({ id }));
  }

  async require(idOrSlug: string): Promise<Tenant> {
    const tenant = await this.find(idOrSlug);
    if (!tenant) throw new ApiError(HttpStatus.NOT_FOUND, `No tenant with id or slug "${idOrSlug}"`);
    return tenant;
  }

  async setPlan(idOrSlug: string, plan: Plan): Promise<TenantView> {
    const checked = requireOneOf(plan, PLANS, 'plan');
    return this.change(idOrSlug, 'tenant.plan_changed', { plan: checked });
  }

  async setStatus(idOrSlug: string, status: TenantStatus): Promise<TenantView> {
    return this.change(idOrSlug, status === 'suspended' ? 'tenant.suspended' : 'tenant.activated', { status });
  }

  private async change(idOrSlug: string, action: string, values: Partial<Pick<Tenant, 'plan' | 'status'>>) {
    const { id } = await this.require(idOrSlug);
    return this.transaction.runFor(id, async () => {
      const tenants = this.transaction.manager.getRepository(Tenant);
      const tenant = await tenants.findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const before = toTenantView(tenant);
      // `save` writes only changed columns, so a no-op change fires no auth-change trigger.
      const after = toTenantView(await tenants.save(Object.assign(tenant, values)));
      await this.recorder.record({
        action,
        resourceType: 'tenant',
        resourceId: id,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
  }
}
