import { userInfo } from 'node:os';
import { AppConfig, ConfigError } from '@wardline/common/config/app-config';
import { type DatabaseEndpoint, prepareDatabase } from '@wardline/database';
import { openOperator, type OperatorServices } from '@wardline/operations';
import { systemActor } from '@wardline/tenancy';
import { CliError, EXIT_USAGE } from './cli-error';
import { openCommandDatabase } from './database-choice';

/** The services a command works through (the same ones the API uses), and what `migrate` applied. */
export interface CliSession extends OperatorServices {
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

/** Who the audit log names for what a command does: the operating-system user that ran it. */
const operatorName = (): string => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
};

/**
 * Opens the database as its owner for one command (see `openCommandDatabase`) and runs the command on the
 * core services as the system actor. Only `migrate` changes the schema; other commands refuse
 * to run on an unmigrated database. Closes everything before returning, even on Ctrl-C.
 */
export async function withOperator<T>(
  work: (session: CliSession) => Promise<T>,
  { migrate = false }: { migrate?: boolean } = {},
): Promise<T> {
  const config = readConfig();
  let endpoint: DatabaseEndpoint | undefined;
  let operator: OperatorServices | undefined;
  const close = async () => {
    await operator?.close().catch(() => undefined);
    operator = undefined;
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
    endpoint = await openCommandDatabase(config);
    const applied = migrate ? await prepareDatabase(endpoint.ownerUrl, endpoint.appUrl) : [];
    const services = (operator = await openOperator(config, endpoint));
    if (!migrate && (await services.schemaBehind())) {
      throw new CliError('The database schema is not up to date: run `npm run -s cli -- migrate` first', EXIT_USAGE);
    }
    return await services.as(systemActor(operatorName()), () => work({ ...services, applied }));
  } finally {
    await close();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}
