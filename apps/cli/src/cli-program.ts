import { Command } from 'commander';
import { registerApiKeyCommands } from './commands/api-key-commands';
import { registerDatabaseCommands } from './commands/database-commands';
import { registerRetentionCommands } from './commands/retention-commands';
import { registerTenantCommands } from './commands/tenant-commands';
import { registerUserCommands } from './commands/user-commands';

/**
 * The operator CLI (contract §5). Errors throw instead of exiting, so `main` can close the
 * database and choose the exit code; subcommands inherit these settings.
 */
export function createProgram(): Command {
  const program = new Command('wardline')
    .description('Wardline operator CLI: tenants, users, API keys, migrations and demo data')
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
    })
    .showSuggestionAfterError()
    .exitOverride();
  registerTenantCommands(program);
  registerUserCommands(program);
  registerApiKeyCommands(program);
  registerDatabaseCommands(program);
  registerRetentionCommands(program);
  return program;
}
