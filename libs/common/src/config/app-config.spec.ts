import { AppConfig } from './app-config';

describe('AppConfig', () => {
  it('has the contract defaults', () => {
    const config = new AppConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      redisUrl: undefined,
      rateLimitPerMinute: 100,
      webhookAllowHttp: false,
      webhookAllowedHosts: [],
      logLevel: 'info',
      heavyWorkPerTenant: 4,
      cursorSecret: undefined,
      trustProxy: false,
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'not a url'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['WEBHOOK_ALLOW_HTTP', 'maybe'],
    ['LOG_LEVEL', 'verbose'],
    ['HEAVY_WORK_PER_TENANT', '0'],
    ['CURSOR_SECRET', 'too-short'],
    ['TRUST_PROXY', 'sometimes'],
  ])('stops on an invalid %s, naming it', (name, value) => {
    expect(() => new AppConfig({ [name]: value })).toThrow(name);
  });

  it('reads lists and booleans', () => {
    const config = new AppConfig({ WEBHOOK_ALLOWED_HOSTS: 'localhost, 10.0.0.0/8', WEBHOOK_ALLOW_HTTP: 'true' });
    expect(config.webhookAllowedHosts).toEqual(['localhost', '10.0.0.0/8']);
    expect(config.webhookAllowHttp).toBe(true);
  });
});
