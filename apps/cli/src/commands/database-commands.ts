import type { SeedCount } from '@wardline/operations';
import { DEMO_USERS } from '@wardline/operations';
import type { Command } from 'commander';
import { parseCount } from '../argument-parsers';
import { type OutputOptions, print } from '../cli-output';
import { withOperator } from '../cli-session';
import { seedProgressBar } from '../seed-progress-bar';

interface SeedOptions extends OutputOptions {
  tenant?: string;
  cases?: number;
}

const counted = (count: SeedCount, noun: string): string =>
  `  ${noun}: ${count.created} created, ${count.existing} already there`;

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description("apply pending database migrations and the application role's grants")
    .option('--json', 'print one JSON object')
    .action((options: OutputOptions) =>
      withOperator(
        async ({ applied }) => {
          print(options, { applied }, () =>
            applied.length === 0
              ? 'Database is up to date: no migrations to apply'
              : `Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join('\n')}`,
          );
        },
        { migrate: true },
      ),
    );

  const seed = program.command('seed').description('load sample data');

  seed
    .command('demo')
    .description(
      'demo wards, categories and users (idempotent), plus --cases N demo cases (each run adds N more); ' +
        'without --tenant, the demo-borough tenant',
    )
    .option('--tenant <tenant>', 'tenant id or slug to seed')
    .option('--cases <n>', 'demo cases to add on this run (not idempotent: every run adds n more)', parseCount)
    .option('--json', 'print one JSON object')
    .action((options: SeedOptions) =>
      withOperator(async ({ demo }) => {
        const cases = options.cases ?? 0;
        const result = await demo.seed({ tenant: options.tenant, cases, progress: seedProgressBar(cases) });
        const admin = DEMO_USERS.find((user) => user.role === 'admin');
        print(options, result, () =>
          [
            `${result.tenantCreated ? 'Created and seeded' : 'Seeded'} tenant ${result.tenant.name} (slug: ${result.tenant.slug}, plan: ${result.tenant.plan})`,
            counted(result.wards, 'wards'),
            counted(result.categories, 'categories'),
            counted(result.users, 'users'),
            `  cases: ${result.cases.created} added (${result.cases.requested} requested)`,
            '',
            `Next: npm run -s cli -- apikey create --tenant ${result.tenant.slug} --owner ${admin?.email} --name "Demo key" --scopes cases:read,wards:read`,
          ].join('\n'),
        );
      }),
    );
}
