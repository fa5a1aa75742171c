import type { RetentionRunResult } from '@wardline/operations';
import type { Command } from 'commander';
import { type OutputOptions, print } from '../cli-output';
import { withOperator } from '../cli-session';

interface RunOptions extends OutputOptions {
  tenant: string;
  dryRun?: boolean;
}

function runText(result: RetentionRunResult): string {
  if (result.months === null) return `Retention is off for ${result.tenant}: nothing to do`;
  const due = `${result.dueCases} closed case(s) before ${result.cutoff} (${result.months} months)`;
  if (result.dryRun) return `Dry run for ${result.tenant}: ${due} would be anonymised`;
  return `Anonymised ${result.anonymisedCases} of ${due} in ${result.tenant}; ${result.timelineEntries} timeline entries rewritten`;
}

export function registerRetentionCommands(program: Command): void {
  const retention = program.command('retention').description("apply a tenant's retention setting");

  retention
    .command('run')
    .description('anonymise the residents of cases closed longer ago than the tenant keeps them')
    .requiredOption('--tenant <tenant>', 'tenant id or slug')
    .option('--dry-run', 'only count the cases that would be anonymised')
    .option('--json', 'print one JSON object')
    .action((options: RunOptions) =>
      withOperator(async ({ retention: service }) => {
        const result = await service.run(options.tenant, { dryRun: options.dryRun ?? false });
        print(options, result, () => runText(result));
      }),
    );
}
