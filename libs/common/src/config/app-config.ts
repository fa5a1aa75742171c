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
  /** A plan's own per-key limit, where set, wins over `rateLimitPerMinute`. */
  readonly rateLimitPerPlan: Readonly<Partial<Record<'pro' | 'council', number>>>;
  /** Requests with a missing or invalid key, per client IP. */
  readonly rateLimitFailedAuthPerMinute: number;
  /** The sliding window's length; only tests shorten it. */
  readonly rateLimitWindowSeconds: number;
  /** Reverse proxies in front (0: none): the client IP is read that many hops back in `X-Forwarded-For`. */
  readonly trustProxyHops: number;
  /** Serve `/metrics` on this port (on `host`) instead of the API port. */
  readonly metricsPort: number | undefined;
  /** Serve `/metrics` on the API port to `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  readonly webhookAllowHttp: boolean;
  readonly webhookAllowedHosts: readonly string[];
  readonly logLevel: LogLevel;
  readonly dataDir: string;
  /** Exports, searches and reports one tenant may run at once in one process. */
  readonly heavyWorkPerTenant: number;
  /** Signs list cursors; unset: generated once and kept in the data dir (see `cursorSecretFor`). */
  readonly cursorSecret: string | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.port = integer(env, 'PORT', 3000, 0, 65535);
    this.host = text(env, 'HOST') ?? '127.0.0.1';
    this.databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
    this.databaseAppUrl = url(env, 'DATABASE_APP_URL', ['postgres:', 'postgresql:']);
    this.redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
    this.rateLimitPerMinute = integer(env, 'RATE_LIMIT_PER_MINUTE', 100, 1, 1_000_000);
    this.rateLimitPerPlan = {
      pro: optionalInteger(env, 'RATE_LIMIT_PER_MINUTE_PRO', 1, 1_000_000),
      council: optionalInteger(env, 'RATE_LIMIT_PER_MINUTE_COUNCIL', 1, 1_000_000),
    };
    this.rateLimitFailedAuthPerMinute = integer(env, 'RATE_LIMIT_FAILED_AUTH_PER_MINUTE', 30, 1, 1_000_000);
    this.rateLimitWindowSeconds = integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600);
    this.trustProxyHops = integer(env, 'TRUST_PROXY_HOPS', 0, 0, 10);
    this.metricsPort = optionalInteger(env, 'METRICS_PORT', 0, 65535);
    this.metricsToken = text(env, 'METRICS_TOKEN');
    if (this.metricsToken !== undefined && this.metricsToken.length < 16) {
      throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
    }
    this.webhookAllowHttp = boolean(env, 'WEBHOOK_ALLOW_HTTP', false);
    this.webhookAllowedHosts = (text(env, 'WEBHOOK_ALLOWED_HOSTS') ?? '')
      .split(',')
      .map((host) => host.trim())
      .filter(Boolean);
    this.logLevel = oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info');
    this.dataDir = text(env, 'WARDLINE_DATA_DIR') ?? '.data';
    this.heavyWorkPerTenant = integer(env, 'HEAVY_WORK_PER_TENANT', 4, 1, 1000);
    this.cursorSecret = secret(env, 'CURSOR_SECRET', 32);
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

function optionalInteger(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  return text(env, name) === undefined ? undefined : integer(env, name, 0, min, max);
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

/** The process's configuration; an invalid value ends the process (exit 2) with a message naming it. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return new AppConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    return process.exit(2);
  }
}
