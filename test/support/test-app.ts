import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@wardline/common';
import { appUrlFrom, type DatabaseEndpoint } from '@wardline/database';
import { type AppOptions, createApp } from '../../apps/api/src/bootstrap/create-app';
import { runLogDestination, TEST_LOG_LEVEL } from './run-log';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  endpoint: DatabaseEndpoint;
  close(): Promise<void>;
}

export function testEndpoint(): DatabaseEndpoint {
  const ownerUrl = process.env.DATABASE_URL;
  if (!ownerUrl) throw new Error('DATABASE_URL is not set: run the tests through jest (global setup)');
  return { ownerUrl, appUrl: appUrlFrom(ownerUrl), embedded: false, stop: async () => undefined };
}

/** The cursor secret of every test server, so a test can forge a validly signed cursor. */
export const TEST_CURSOR_SECRET = 'test-cursor-secret-known-to-the-forging-tests';

/**
 * The real HTTP server on a free port, against the test database. Rate limits are out of the
 * way unless a suite sets them: the rate-limit suites do. During a test run it logs everything
 * to the run log (test/support/run-log.ts) unless a test reads the lines itself.
 */
export async function startTestApp(
  env: NodeJS.ProcessEnv = {},
  endpoint: DatabaseEndpoint = testEndpoint(),
  options: AppOptions = {},
): Promise<TestApp> {
  const logDestination = options.logDestination ?? runLogDestination();
  const config = new AppConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? (logDestination ? TEST_LOG_LEVEL : 'silent'),
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '1000000',
    CURSOR_SECRET: TEST_CURSOR_SECRET,
    ...env,
    DATABASE_URL: endpoint.ownerUrl,
  });
  const app = await createApp(config, endpoint, { ...options, logDestination });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, baseUrl: `http://127.0.0.1:${port}`, endpoint, close: () => app.close() };
}
