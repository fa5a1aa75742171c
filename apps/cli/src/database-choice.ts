import type { AppConfig } from '@wardline/common/config/app-config';
import { type DatabaseEndpoint, openDatabaseEndpoint, runningApiProcess } from '@wardline/database';
import { CliError, EXIT_USAGE } from './cli-error';

/**
 * The database a command runs on: `DATABASE_URL`, silently; otherwise the embedded PostgreSQL,
 * named on stderr (stdout stays the command's). Refuses to start an embedded cluster of its
 * own while the API on this data dir runs on another database: the command would change data
 * the API never sees.
 */
export async function openCommandDatabase(config: AppConfig): Promise<DatabaseEndpoint> {
  if (config.databaseUrl) return openDatabaseEndpoint(config);
  const api = await runningApiProcess(config.dataDir);
  if (api && !api.embeddedDatabase) {
    throw new CliError(
      `The API running from this data dir (pid ${api.pid}) uses the database in its DATABASE_URL, not the embedded one: set DATABASE_URL to that database and run the command again.`,
      EXIT_USAGE,
    );
  }
  const endpoint = await openDatabaseEndpoint(config);
  const server = endpoint.embeddedServer;
  if (server) {
    const whose = server.joined
      ? api
        ? `the one the running API (pid ${api.pid}) started`
        : 'already running'
      : 'started for this command';
    process.stderr.write(
      `Using the embedded PostgreSQL with its data in ${server.databaseDir}, ${whose} (set DATABASE_URL to use another database)\n`,
    );
  }
  return endpoint;
}
