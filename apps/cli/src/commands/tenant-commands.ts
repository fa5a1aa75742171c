import { type Plan, PLANS } from '@wardline/database';
import type { TenantView } from '@wardline/accounts';
import { Argument, type Command, Option } from 'commander';
import { type OutputOptions, print } from '../cli-output';
import { withOperator } from '../cli-session';

interface CreateOptions extends OutputOptions {
  name: string;
  plan: Plan;
  slug?: string;
}

const describe = (tenant: TenantView): string =>
  `${tenant.name} (slug: ${tenant.slug}, plan: ${tenant.plan}, status: ${tenant.status}, id: ${tenant.id})`;

export function registerTenantCommands(program: Command): void {
  const tenant = program.command('tenant').description('create and manage tenants');

  tenant
    .command('create')
    .description('create a tenant')
    .requiredOption('--name <name>', 'display name, e.g. "Riverside District Council"')
    .addOption(new Option('--plan <plan>', 'plan').choices(PLANS).makeOptionMandatory())
    .option('--slug <slug>', 'URL-safe identifier (default: derived from the name)')
    .option('--json', 'print one JSON object')
    .action((options: CreateOptions) =>
      withOperator(async ({ tenants }) => {
        const created = await tenants.create({ name: options.name, plan: options.plan, slug: options.slug });
        print(options, created, () => `Created tenant ${describe(created)}`);
      }),
    );

  tenant
    .command('set-plan')
    .description("change a tenant's plan (existing keys keep their scopes)")
    .argument('<tenant>', 'tenant id or slug')
    .addArgument(new Argument('<plan>', 'new plan').choices(PLANS))
    .option('--json', 'print one JSON object')
    .action((idOrSlug: string, plan: Plan, options: OutputOptions) =>
      withOperator(async ({ tenants }) => {
        const changed = await tenants.setPlan(idOrSlug, plan);
        print(options, changed, () => `Tenant ${changed.slug} is now on the ${changed.plan} plan`);
      }),
    );

  tenant
    .command('suspend')
    .description('suspend a tenant: its API keys get 403 until it is activated')
    .argument('<tenant>', 'tenant id or slug')
    .option('--json', 'print one JSON object')
    .action((idOrSlug: string, options: OutputOptions) =>
      withOperator(async ({ tenants }) => {
        const changed = await tenants.setStatus(idOrSlug, 'suspended');
        print(options, changed, () => `Suspended tenant ${describe(changed)}`);
      }),
    );

  tenant
    .command('activate')
    .description('activate a suspended tenant')
    .argument('<tenant>', 'tenant id or slug')
    .option('--json', 'print one JSON object')
    .action((idOrSlug: string, options: OutputOptions) =>
      withOperator(async ({ tenants }) => {
        const changed = await tenants.setStatus(idOrSlug, 'active');
        print(options, changed, () => `Activated tenant ${describe(changed)}`);
      }),
    );
}
