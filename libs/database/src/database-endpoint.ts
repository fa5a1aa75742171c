import type { AppConfig } from '@wardline/common';
import { appUrlFrom } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseEndpoint {
  /** Owns the schema: migrations, operator CLI. */
  ownerUrl: string;
  /** The API's own role, bound by row-level security. */
  appUrl: string;
  embedded: boolean;
  /** The embedded server's data folder, and whether another process was already running it. */
  embeddedServer?: { databaseDir: string; joined: boolean };
  /** Where the embedded server keeps its data when that is outside the data dir (running as root). */
  relocatedTo?: string;
  stop(): Promise<void>;
}

/** `DATABASE_URL` when set; otherwise the embedded PostgreSQL under the data dir. */
export async function openDatabaseEndpoint(config: AppConfig): Promise<DatabaseEndpoint> {
  if (config.databaseUrl) {
    return {
      ownerUrl: config.databaseUrl,
      appUrl: config.databaseAppUrl ?? appUrlFrom(config.databaseUrl),
      embedded: false,
      stop: async () => undefined,
    };
  }
  const embedded = await startEmbeddedPostgres(config.dataDir);
  return {
    ownerUrl: embedded.url,
    appUrl: config.databaseAppUrl ?? appUrlFrom(embedded.url),
    embedded: true,
    embeddedServer: { databaseDir: embedded.databaseDir, joined: embedded.joined },
    relocatedTo: embedded.relocatedTo,
    stop: embedded.stop,
  };
}

/** Injection token for the process's `DatabaseEndpoint`. */
export const DATABASE_ENDPOINT = Symbol('wardline.database-endpoint');
