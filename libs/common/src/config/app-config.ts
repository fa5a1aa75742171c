const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {}

/** Everything the processes read from the environment, validated once at start-up. */
export class AppConfig {
  readonly port: number;
  readonly host: string;
  /** Unset: an embedded PostgreSQL in `dataDir/postgres`. */
  readonly databaseUrl: string | undefined;
  /** Optional explicit connection for the non-owner application role. */
  readonly databaseAppUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly rateLimitPerMinute: number;
  readonly webhookAllowHttp: boolean;
  readonly webhookAllowedHosts: readonly string[];
  readonly logLevel: LogLevel;
  readonly dataDir: string;
  /** Exports, searches and reports one tenant may run at once in one process. */
  readonly heavyWorkPerTenant: number;
  /** Signs list cursors; unset: generated once and kept in the data dir (see `cursorSecretFor`). */
  readonly cursorSecret: string | undefined;
  /** Behind a reverse proxy: the client IP comes from `X-Forwarded-For`. */
  readonly trustProxy: boolean;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.port = integer(env, 'PORT', 3000, 0, 65535);
    this.host = text(env, 'HOST') ?? '127.0.0.1';
    this.databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
    this.databaseAppUrl = url(env, 'DATABASE_APP_URL', ['postgres:', 'postgresql:']);
    this.redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
    this.rateLimitPerMinute = integer(env, 'RATE_LIMIT_PER_MINUTE', 100, 1, 1_000_000);
    this.webhookAllowHttp = boolean(env, 'WEBHOOK_ALLOW_HTTP', false);
    this.webhookAllowedHosts = (text(env, 'WEBHOOK_ALLOWED_HOSTS') ?? '')
      .split(',')
      .map((host) => host.trim())
      .filter(Boolean);
    this.logLevel = oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info');
    this.dataDir = text(env, 'WARDLINE_DATA_DIR') ?? '.data';
    this.heavyWorkPerTenant = integer(env, 'HEAVY_WORK_PER_TENANT', 4, 1, 1000);
    this.cursorSecret = secret(env, 'CURSOR_SECRET', 32);
    this.trustProxy = boolean(env, 'TRUST_PROXY', false);
  }
}

function text(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function secret(env: NodeJS.ProcessEnv, name: string, minLength: number): string | undefined {
  const raw = text(env, name);
  if (raw !== undefined && raw.length < minLength) {
    throw new ConfigError(`${name} must be at least ${minLength} characters (got ${raw.length})`);
  }
  return raw;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}
