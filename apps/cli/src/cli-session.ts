import { AppConfig, ConfigError } from '@wardline/common/config/app-config';
import { type DatabaseEndpoint, openDatabaseEndpoint, openDataSource, prepareDatabase } from '@wardline/database';
import { Operator } from '@wardline/operations';
import type { DataSource } from 'typeorm';
import { CliError, EXIT_USAGE } from './cli-error';

export interface CliSession {
  operator: Operator;
  /** Migrations this call applied (usually none: every command migrates first). */
  applied: string[];
}

function readConfig(): AppConfig {
  try {
    return new AppConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`Configuration error: ${error.message}`, EXIT_USAGE);
    throw error;
  }
}

/**
 * Opens the database as its owner for one command: `DATABASE_URL`, or the embedded server in
 * the data dir (reused when the API runs it, else started here), migrated first. Closes the
 * connection and stops a server this process started before returning, even on failure or
 * on Ctrl-C.
 */
export async function withOperator<T>(work: (session: CliSession) => Promise<T>): Promise<T> {
  const config = readConfig();
  let endpoint: DatabaseEndpoint | undefined;
  let dataSource: DataSource | undefined;
  const close = async () => {
    await dataSource?.destroy().catch(() => undefined);
    dataSource = undefined;
    await endpoint?.stop().catch(() => undefined);
    endpoint = undefined;
  };
  const interrupted = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping\n`);
    void close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    endpoint = await openDatabaseEndpoint(config);
    const applied = await prepareDatabase(endpoint.ownerUrl, endpoint.appUrl);
    dataSource = await openDataSource(endpoint.ownerUrl, 2);
    return await work({ operator: new Operator(dataSource), applied });
  } finally {
    await close();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}
