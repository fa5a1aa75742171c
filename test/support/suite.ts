import { Fixtures } from './fixtures';
import { type HttpClient, httpClient } from './http';
import { startTestApp, type TestApp } from './test-app';

export interface ApiSuite {
  app: TestApp;
  fixtures: Fixtures;
  request: HttpClient;
}

/**
 * Starts the real HTTP server and the fixtures for one spec file; the returned object is
 * filled in by `beforeAll` and closed by `afterAll`.
 */
export function useApiSuite(env: NodeJS.ProcessEnv = {}): ApiSuite {
  const suite = {} as ApiSuite;
  beforeAll(async () => {
    [suite.app, suite.fixtures] = await Promise.all([startTestApp(env), Fixtures.open()]);
    suite.request = httpClient(suite.app.baseUrl);
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.fixtures?.close();
  });
  return suite;
}
