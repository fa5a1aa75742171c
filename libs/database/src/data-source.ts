import { createHmac } from 'node:crypto';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export const APP_ROLE = 'wardline_app';

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    extra: { max: poolSize, connectionTimeoutMillis: 5000, application_name: 'wardline' },
  };
}

/**
 * Limits on every session of the API's own pool, so no request can hold the database for
 * long: a statement is cancelled after 10 s, a lock is waited for at most 3 s, a transaction
 * left idle is ended after 15 s, and a reply the client waits for in vain (a hung server)
 * fails after 12 s.
 */
export const APP_SESSION_LIMITS = {
  statement_timeout: 10_000,
  lock_timeout: 3_000,
  idle_in_transaction_session_timeout: 15_000,
  query_timeout: 12_000,
} as const;

/**
 * Server settings of every session of the API's pool. JIT off: the API's statements are short,
 * and compiling one whose estimate passes `jit_above_cost` (a search or count over tens of
 * thousands of rows) took 10–100 ms, more than it saved (bench/notes/search.md).
 */
const APP_SESSION_OPTIONS = '-c jit=off';

/** The API's own pool: as `dataSourceOptions`, bound by `APP_SESSION_LIMITS`, JIT off. */
export function appDataSourceOptions(url: string): DataSourceOptions {
  const options = dataSourceOptions(url);
  return {
    ...options,
    extra: { ...options.extra, ...APP_SESSION_LIMITS, options: APP_SESSION_OPTIONS },
  } as DataSourceOptions;
}

/**
 * The application connects as a role that owns nothing, so row-level security binds it. When
 * the owner's URL carries a password, the application role gets its own password derived from
 * it (never the owner's), so the owner's secret never travels in the API's connections.
 */
export function appUrlFrom(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  const ownerPassword = passwordOf(ownerUrl);
  if (ownerPassword) url.password = encodeURIComponent(appPasswordFrom(ownerPassword));
  return url.toString();
}

const appPasswordFrom = (ownerPassword: string): string =>
  createHmac('sha256', ownerPassword).update(`wardline:${APP_ROLE}`).digest('base64url');

export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

export function passwordOf(url: string): string | undefined {
  const password = new URL(url).password;
  return password ? decodeURIComponent(password) : undefined;
}

export async function openDataSource(url: string, poolSize?: number): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, poolSize)).initialize();
}
