import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Fixtures } from '../support/fixtures';
import { httpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);

/** Polls until the key is refused; returns how long that took. */
async function msUntilRefused(baseUrl: string, key: string, limitMs = 5000): Promise<number> {
  const request = httpClient(baseUrl);
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if ((await request('GET', '/api/me', { key })).status === 401) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Number.POSITIVE_INFINITY;
}

describe('revocation by another process', () => {
  let instances: TestApp[];
  let fixtures: Fixtures;

  beforeAll(async () => {
    // The CLI is built (if stale) up front so the timed part is only the revoke itself.
    await run('node', ['scripts/ensure-built.js'], { env: process.env });
    [fixtures, ...instances] = await Promise.all([Fixtures.open(), startTestApp(), startTestApp()]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await fixtures.close();
  });

  it('`apikey revoke` in the CLI is refused by every running instance within 1 second', async () => {
    const subject = await fixtures.keyedUser('pro', 'admin');
    for (const instance of instances) {
      // Twice: the second answer comes from the instance's key cache.
      for (let i = 0; i < 2; i += 1) {
        expect((await httpClient(instance.baseUrl)('GET', '/api/me', { key: subject.key })).status).toBe(200);
      }
    }

    const { stdout } = await run('node', ['dist/apps/cli/src/main.js', 'apikey', 'revoke', subject.keyId, '--json'], {
      env: process.env,
    });
    expect(JSON.parse(stdout)).toMatchObject({ id: subject.keyId, status: 'revoked' });

    const delays = await Promise.all(instances.map((instance) => msUntilRefused(instance.baseUrl, subject.key)));
    for (const delay of delays) expect(delay).toBeLessThan(1000);
  });
});
