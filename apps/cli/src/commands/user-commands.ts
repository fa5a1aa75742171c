import { type Role, ROLES } from '@wardline/database';
import type { UserView } from '@wardline/accounts';
import { type Command, Option } from 'commander';
import { type OutputOptions, print } from '../cli-output';
import { withOperator } from '../cli-session';

interface CreateOptions extends OutputOptions {
  tenant: string;
  email: string;
  name: string;
  role: Role;
  password?: string;
}

const describe = (user: UserView): string => `${user.role} ${user.name} <${user.email}> (id: ${user.id})`;

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('create and disable users');

  user
    .command('create')
    .description('create a user in a tenant')
    .requiredOption('--tenant <tenant>', 'tenant id or slug')
    .requiredOption('--email <email>', 'sign-in email, unique in the tenant')
    .requiredOption('--name <name>', 'full name')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--password <password>', 'dashboard password (stored as an argon2id hash; none: cannot sign in)')
    .option('--json', 'print one JSON object')
    .action((options: CreateOptions) =>
      withOperator(async ({ tenants, users }) => {
        const tenant = await tenants.require(options.tenant);
        const created = await users.create(tenant, {
          email: options.email,
          name: options.name,
          role: options.role,
          password: options.password,
        });
        print(options, { ...created, tenantId: tenant.id }, () => `Created ${describe(created)}`);
      }),
    );

  user
    .command('disable')
    .description('disable a user: they cannot sign in and their API keys stop working')
    .argument('<userId>', 'user id')
    .option('--json', 'print one JSON object')
    .action((userId: string, options: OutputOptions) =>
      withOperator(async ({ users }) => {
        const disabled = await users.disable(userId);
        print(options, disabled, () => `Disabled ${describe(disabled)}`);
      }),
    );
}
