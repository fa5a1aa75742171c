import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DEMO_USERS } from '@wardline/operations';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { artefactDir, CHROMIUM_ARGS, chromiumPath } from '../support/chromium';
import { DASHBOARD_PASSWORD, dashboardUser } from '../support/dashboard-client';
import { uniqueSuffix } from '../support/fixtures';
import { statusWithin } from '../support/http';
import { useApiSuite } from '../support/suite';

const executablePath = chromiumPath();
if (!executablePath) {
  process.stderr.write(
    'Browser tests SKIPPED: no chromium found at /usr/bin/chromium or CHROMIUM_PATH (apt-get install -y chromium)\n',
  );
}
const describeInBrowser = executablePath ? describe : describe.skip;

const demoAdmin = DEMO_USERS.find((user) => user.role === 'admin') as (typeof DEMO_USERS)[number];
const PASSWORD = `demo-${uniqueSuffix()}-password`;
/** The test's webhook URL is on loopback, which only this configuration allows. */
const ALLOW_LOOPBACK = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };

describeInBrowser('the admin dashboard in a real browser', () => {
  const suite = useApiSuite(ALLOW_LOOPBACK);
  const shots = artefactDir('dashboard');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let firstKey: string;
  let firstPrefix: string;

  /** No serious or critical accessibility violations, and a screenshot kept as an artefact. */
  async function checkPage(name: string): Promise<void> {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''));
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    // The demo council, made in a tenant of its own so other suites' demo data cannot collide.
    const tenant = await suite.fixtures.tenant('council', 'browser');
    await suite.fixtures.seedDemo({ tenant: tenant.id, adminPassword: PASSWORD });
    browser = await chromium.launch({ executablePath: executablePath as string, args: CHROMIUM_ARGS });
    context = await browser.newContext({ baseURL: suite.app.baseUrl });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.app.baseUrl });
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const me = (key: string) => suite.request('GET', '/api/me', { key });

  /** Signs in as the demo admin, makes a key, reads it once and calls the API with it. */
  async function makeAKey(): Promise<void> {
    await page.goto('/admin');
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await checkPage('01-sign-in');
    await page.getByLabel('Email address').fill(demoAdmin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin/api-keys');
    await checkPage('02-api-keys');

    await page.getByRole('link', { name: 'Create an API key' }).click();
    await checkPage('03-new-key');
    await page.getByLabel('Name').fill('Browser test key');
    await page.getByLabel('cases:read').check();
    await page.getByLabel('wards:read').check();
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('heading', { name: 'API key created' }).waitFor();
    await page.getByText("you won't see this key again").waitFor();
    const key = await page.getByLabel('Your new API key').inputValue();
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await checkPage('04-key-created');

    firstKey = key;
    const response = await me(key);
    expect(response.status).toBe(200);
    expect(response.body.key).toMatchObject({ name: 'Browser test key', scopes: ['cases:read', 'wards:read'] });
    await page.goto('/admin/api-keys');
    expect(await page.content()).not.toContain(key);
    firstPrefix = response.body.key.prefix;
    expect(await page.content()).toContain(firstPrefix);
  }

  /** Rotates that key with a grace period, then deactivates the new one. */
  async function rotateAndDeactivate(): Promise<void> {
    await page.goto('/admin/api-keys?status=active');
    const oldPrefix = firstPrefix;
    await page
      .getByRole('row')
      .filter({ hasText: oldPrefix })
      .getByRole('link', { name: /Rotate/ })
      .click();
    await checkPage('05-rotate');
    await page.getByLabel('When should the old key stop working?').selectOption('1');
    await page.getByRole('button', { name: 'Rotate key' }).click();
    await page.getByRole('heading', { name: 'API key rotated' }).waitFor();
    const next = await page.getByLabel('Your new API key').inputValue();
    expect(await page.getByText('keeps working until').count()).toBe(1);

    const [old] = (await suite.fixtures.owner.query('SELECT id FROM api_keys WHERE prefix = $1', [oldPrefix])) as {
      id: string;
    }[];
    const nextMe = await me(next);
    expect(nextMe.status).toBe(200);
    // The old key still works in its grace period; once the hour has passed it is refused.
    expect((await me(firstKey)).status).toBe(200);
    await suite.fixtures.owner.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      old.id,
    ]);
    expect(await statusWithin(suite.request, 401, 2000, 'GET', '/api/me', { key: firstKey })).toBe(401);
    await page.goto('/admin/api-keys?status=expired');
    expect(await page.getByRole('row').filter({ hasText: oldPrefix }).count()).toBe(1);

    await page.goto('/admin/api-keys?status=active');
    await page
      .getByRole('row')
      .filter({ hasText: nextMe.body.key.prefix })
      .getByRole('link', { name: /Deactivate/ })
      .click();
    await checkPage('06-deactivate');
    await page.getByRole('button', { name: 'Deactivate key' }).click();
    await page.getByText('The key was deactivated.').waitFor();
    await checkPage('07-after-deactivate');
    expect(await statusWithin(suite.request, 401, 2000, 'GET', '/api/me', { key: next })).toBe(401);
  }

  /** A signed-in browser's POST without the CSRF token is refused. */
  async function refuseForgedPost(): Promise<void> {
    const response = await page.request.post('/admin/api-keys', {
      form: { name: 'forged', scopes: 'cases:read' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  }

  /**
   * Adds a webhook endpoint, reads its secret once, sends a test ping and sees the delivery listed.
   * (Delivering it is the worker's, tested in test/webhooks; a worker here would also take other
   * suites' deliveries from the shared test database.)
   */
  async function addAWebhookAndTestIt(): Promise<void> {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL('**/admin/webhooks');
    await checkPage('10-webhooks');
    await page.getByRole('link', { name: 'Add a webhook endpoint' }).click();
    await checkPage('11-new-webhook');
    const url = `http://127.0.0.1:9/browser-hook-${uniqueSuffix()}`;
    await page.getByLabel('URL').fill(url);
    await page.getByLabel('Description (optional)').fill('Browser test endpoint');
    await page.getByLabel('case_created').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('heading', { name: 'Webhook endpoint added' }).waitFor();
    await page.getByText("you won't see this secret again").waitFor();
    const secret = await page.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Copy secret' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await checkPage('12-webhook-added');

    await page.getByRole('link', { name: 'Send a test and see deliveries' }).click();
    await page.getByRole('button', { name: 'Send a test ping' }).click();
    await page.getByText('A test ping was queued').waitFor();
    const delivery = page.getByRole('row').filter({ hasText: 'ping' });
    expect(await delivery.count()).toBe(1);
    expect(await delivery.textContent()).toMatch(/pending|failed|succeeded/);
    expect(await page.content()).not.toContain(secret);
    await checkPage('13-webhook-deliveries');
    await page.goto('/admin/webhooks');
    expect(await page.getByRole('row').filter({ hasText: url }).count()).toBe(1);
  }

  // One journey in order (it shares the signed-in page), whatever order the tests are shuffled in.
  it('signs in, makes a key and reads it once, rotates it with a grace period, deactivates it; refuses a forged POST; adds a webhook and tests it', async () => {
    await makeAKey();
    await rotateAndDeactivate();
    await refuseForgedPost();
    await addAWebhookAndTestIt();
  }, 120_000);

  it('keeps a non-admin out of the keys page and its POST, and shows them their profile', async () => {
    const tenant = await suite.fixtures.tenant('council', 'browser-staff');
    const caseworker = await dashboardUser(suite.fixtures, tenant, 'caseworker');
    const staff = await browser.newContext({ baseURL: suite.app.baseUrl });
    const staffPage = await staff.newPage();
    const adminPage = page;
    try {
      await staffPage.goto('/admin/sign-in');
      await staffPage.getByLabel('Email address').fill(caseworker.email);
      await staffPage.getByLabel('Password').fill(DASHBOARD_PASSWORD);
      await staffPage.getByRole('button', { name: 'Sign in' }).click();
      await staffPage.waitForURL('**/admin/profile');
      page = staffPage;
      await checkPage('08-profile');
      const csrf = await staffPage.locator('input[name="_csrf"]').first().inputValue();

      const forbidden = await staffPage.goto('/admin/api-keys');
      expect(forbidden?.status()).toBe(403);
      await checkPage('09-forbidden');
      const post = await staffPage.request.post('/admin/api-keys', {
        form: { _csrf: csrf, name: 'sneaky', scopes: 'cases:read' },
        maxRedirects: 0,
      });
      expect(post.status()).toBe(403);

      await staffPage.goto('/admin/profile');
      await staffPage.getByLabel('Party').fill('Independent');
      await staffPage.getByRole('button', { name: 'Save profile' }).click();
      await staffPage.getByText('Your profile was saved.').waitFor();
    } finally {
      page = adminPage;
      await staff.close();
    }
  });
});
