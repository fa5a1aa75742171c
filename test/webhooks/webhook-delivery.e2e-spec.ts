import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { KeyedUser } from '../support/fixtures';
import { useApiSuite } from '../support/suite';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { type ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver';

/** Loopback is allowed only by configuration, as a developer would run it. */
const ALLOW_LOOPBACK = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
const SECOND = 1000;
const ROOT = join(__dirname, '..', '..');

/** Waits until `done()` holds, polling; fails after `withinMs`. */
async function eventually(done: () => boolean, withinMs = 20 * SECOND): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const HOUR = 3600 * SECOND;

const verify = (secret: string, request: ReceivedWebhook) =>
  new Webhook(secret).verify(request.body, request.headers as Record<string, string>);

interface CreatedWebhook {
  id: string;
  secret: string;
}

describe('webhook delivery (a real receiver on loopback, a real worker)', () => {
  const suite = useApiSuite(ALLOW_LOOPBACK);
  const receiver = new WebhookReceiver();
  let worker: TestWorker;
  let admin: KeyedUser;
  let other: KeyedUser;
  let path = 0;
  const newPath = () => `/hook-${++path}`;

  beforeAll(async () => {
    await receiver.start();
    worker = await startTestWorker(ALLOW_LOOPBACK);
    [admin, other] = await Promise.all([
      suite.fixtures.keyedUser('council', 'admin'),
      suite.fixtures.keyedUser('council', 'admin'),
    ]);
  });
  beforeEach(() => worker.clock.reset());
  afterAll(async () => {
    await worker?.close();
    await receiver.stop();
  });

  const createWebhook = async (owner: KeyedUser, hookPath: string, events: string[]): Promise<CreatedWebhook> => {
    const response = await suite.request('POST', '/api/webhooks', {
      key: owner.key,
      json: { url: receiver.url(hookPath), events },
    });
    expect(response.status).toBe(201);
    return response.body as CreatedWebhook;
  };
  const createCase = async (owner: KeyedUser = admin): Promise<string> => {
    const response = await suite.request('POST', '/api/cases', { key: owner.key, json: { summary: 'Broken lamp' } });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const deliveriesOf = async (webhook: CreatedWebhook) =>
    (await suite.request('GET', `/api/webhooks/${webhook.id}/deliveries`, { key: admin.key })).body.deliveries as {
      id: string;
      messageId: string;
      event: string;
      state: string;
      attempts: number;
      lastStatusCode: number | null;
      lastError: string | null;
      lastAttemptAt: string | null;
      nextAttemptAt: string | null;
    }[];

  it('sends one signed delivery per subscribed endpoint, and nothing to others', async () => {
    const [first, second, unsubscribed, otherTenant] = [newPath(), newPath(), newPath(), newPath()];
    const a = await createWebhook(admin, first, ['case_created']);
    const b = await createWebhook(admin, second, ['case_created', 'case_updated']);
    await createWebhook(admin, unsubscribed, ['news_published']);
    await createWebhook(other, otherTenant, ['case_created']);

    const caseId = await createCase();
    await worker.deliverDue();

    expect(receiver.at(first)).toHaveLength(1);
    expect(receiver.at(second)).toHaveLength(1);
    expect(receiver.at(unsubscribed)).toHaveLength(0);
    expect(receiver.at(otherTenant)).toHaveLength(0);

    const [delivered] = receiver.at(first);
    const payload = verify(a.secret, delivered) as { event: string; timestamp: string; data: { case: { id: string } } };
    expect(payload).toMatchObject({ event: 'case_created', data: { case: { id: caseId } } });
    expect(payload.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(delivered.headers['x-wardline-event']).toBe('case_created');
    expect(delivered.headers['content-type']).toBe('application/json');
    expect(() => verify(b.secret, delivered)).toThrow();
    expect(verify(b.secret, receiver.at(second)[0])).toMatchObject({ event: 'case_created' });

    const [record] = await deliveriesOf(a);
    expect(record).toMatchObject({ event: 'case_created', state: 'succeeded', attempts: 1, lastStatusCode: 200 });
    expect(record.messageId).toBe(delivered.headers['webhook-id']);
  });

  it('retries a failed delivery on the schedule and delivers it when the receiver recovers', async () => {
    const hook = newPath();
    const webhook = await createWebhook(admin, hook, ['case_created']);
    receiver.script(hook, { status: 500 });
    await createCase();

    await worker.deliverDue();
    const [failed] = await deliveriesOf(webhook);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, lastStatusCode: 500 });
    const wait = Date.parse(failed.nextAttemptAt ?? '') - Date.parse(failed.lastAttemptAt ?? '');
    expect(wait).toBeGreaterThanOrEqual(4.5 * SECOND);
    expect(wait).toBeLessThanOrEqual(5.5 * SECOND);

    expect(await worker.deliverDue()).toBe(0); // not due yet
    worker.clock.advance(6 * SECOND);
    await worker.deliverDue();

    const [delivered] = await deliveriesOf(webhook);
    expect(delivered).toMatchObject({ state: 'succeeded', attempts: 2, lastStatusCode: 200, nextAttemptAt: null });
    const attempts = receiver.at(hook);
    expect(attempts).toHaveLength(2);
    expect(attempts[1].headers['webhook-id']).toBe(attempts[0].headers['webhook-id']);
  });

  it('honours a longer Retry-After', async () => {
    const hook = newPath();
    const webhook = await createWebhook(admin, hook, ['case_created']);
    receiver.script(hook, { status: 503, headers: { 'retry-after': '120' } });
    await createCase();
    await worker.deliverDue();
    const [failed] = await deliveriesOf(webhook);
    expect(Date.parse(failed.nextAttemptAt ?? '') - Date.parse(failed.lastAttemptAt ?? '')).toBe(120 * SECOND);
  });

  it('loses nothing while the receiver is down', async () => {
    const down = new WebhookReceiver();
    await down.start();
    const port = down.listeningPort;
    const response = await suite.request('POST', '/api/webhooks', {
      key: admin.key,
      json: { url: down.url('/down'), events: ['case_created'] },
    });
    const webhook = response.body as CreatedWebhook;
    await down.stop();

    await createCase();
    await createCase();
    await worker.deliverDue();
    expect((await deliveriesOf(webhook)).map((delivery) => delivery.state)).toEqual(['failed', 'failed']);
    expect((await deliveriesOf(webhook))[0].lastError).toMatch(/ECONNREFUSED/);

    await down.start(port);
    try {
      worker.clock.advance(6 * SECOND);
      await worker.deliverDue();
      expect(down.at('/down')).toHaveLength(2);
      expect((await deliveriesOf(webhook)).map((delivery) => delivery.state)).toEqual(['succeeded', 'succeeded']);
    } finally {
      await down.stop();
    }
  });

  it('disables the endpoint when it answers 410 Gone', async () => {
    const hook = newPath();
    const webhook = await createWebhook(admin, hook, ['case_created']);
    receiver.script(hook, { status: 410 });
    await createCase();
    await worker.deliverDue();

    const shown = await suite.request('GET', `/api/webhooks/${webhook.id}`, { key: admin.key });
    expect(shown.body).toMatchObject({ enabled: false, disabledReason: 'The endpoint answered 410 Gone' });
    expect((await deliveriesOf(webhook))[0]).toMatchObject({ state: 'dead', lastStatusCode: 410 });
    const audit = await suite.request('GET', `/api/audit-logs?resourceId=${webhook.id}&action=webhook.disabled`, {
      key: admin.key,
    });
    expect(audit.body.auditLogs[0].actor).toMatchObject({ type: 'system', name: 'webhook-worker' });

    await createCase();
    await worker.deliverDue();
    expect(receiver.at(hook)).toHaveLength(1); // a disabled endpoint is not subscribed to anything
  });

  it('disables the endpoint after three days of consecutive failure, with the reason', async () => {
    const hook = newPath();
    const webhook = await createWebhook(admin, hook, ['case_created']);
    receiver.script(hook, { status: 500 }, { status: 500 });
    await createCase();
    await worker.deliverDue();
    expect((await suite.request('GET', `/api/webhooks/${webhook.id}`, { key: admin.key })).body.enabled).toBe(true);

    worker.clock.advance(72 * HOUR + SECOND);
    await createCase();
    await worker.deliverDue();
    const shown = await suite.request('GET', `/api/webhooks/${webhook.id}`, { key: admin.key });
    expect(shown.body.enabled).toBe(false);
    expect(shown.body.disabledReason).toMatch(/failed for 3 days/);

    const enabled = await suite.request('PATCH', `/api/webhooks/${webhook.id}`, {
      key: admin.key,
      json: { enabled: true },
    });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('signs with both secrets for 24 hours after a rotation, then with the new one only', async () => {
    const hook = newPath();
    const webhook = await createWebhook(admin, hook, ['case_created']);
    const rotated = await suite.request('POST', `/api/webhooks/${webhook.id}/rotate-secret`, { key: admin.key });
    expect(rotated.status).toBe(201);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(webhook.secret);

    expect((await suite.request('POST', `/api/webhooks/${webhook.id}/test`, { key: admin.key })).status).toBe(202);
    await worker.deliverDue();
    const [during] = receiver.at(hook);
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(newSecret, during)).toMatchObject({ event: 'ping', data: { webhookId: webhook.id } });
    expect(verify(webhook.secret, during)).toMatchObject({ event: 'ping' });

    worker.clock.advance(24 * HOUR + SECOND);
    await suite.request('POST', `/api/webhooks/${webhook.id}/test`, { key: admin.key });
    await worker.deliverDue();
    const after = receiver.at(hook)[1];
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    // The verifier checks the timestamp against the real clock: verify the signature only.
    const unsigned = {
      ...after,
      headers: { ...after.headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) },
    };
    const signed = new Webhook(newSecret).sign(
      String(after.headers['webhook-id']),
      new Date(Number(after.headers['webhook-timestamp']) * 1000),
      after.body,
    );
    expect(after.headers['webhook-signature']).toBe(signed);
    expect(() => verify(webhook.secret, unsigned)).toThrow();
  });

  it('redelivers a message with the same webhook-id', async () => {
    const hook = newPath();
    const webhook = await createWebhook(admin, hook, ['case_created']);
    await createCase();
    await worker.deliverDue();
    const [first] = await deliveriesOf(webhook);
    const again = await suite.request('POST', `/api/webhooks/${webhook.id}/deliveries/${first.id}/redeliver`, {
      key: admin.key,
    });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ messageId: first.messageId, state: 'pending', attempts: 0 });
    await worker.deliverDue();
    const [one, two] = receiver.at(hook);
    expect(two.headers['webhook-id']).toBe(one.headers['webhook-id']);
    expect(two.body).toBe(one.body);
  });

  it('does not follow a redirect to loopback', async () => {
    const hook = newPath();
    const webhook = await createWebhook(admin, hook, ['case_created']);
    receiver.script(hook, { status: 302, headers: { location: receiver.url('/landed') } });
    await createCase();
    await worker.deliverDue();
    expect(receiver.at('/landed')).toHaveLength(0);
    expect((await deliveriesOf(webhook))[0]).toMatchObject({ state: 'failed', lastStatusCode: 302 });
  });

  it('refuses at delivery time an address the delivering worker does not allow', async () => {
    const strict = await startTestWorker({ WEBHOOK_ALLOW_HTTP: 'true' });
    try {
      const hook = newPath();
      const webhook = await createWebhook(admin, hook, ['case_created']);
      await createCase();
      await strict.deliverDue();
      expect(receiver.at(hook)).toHaveLength(0);
      const [refused] = await deliveriesOf(webhook);
      expect(refused).toMatchObject({ state: 'dead', lastStatusCode: null });
      expect(refused.lastError).toMatch(/^Refused: .*127\.0\.0\.1.*not allowed/);
    } finally {
      await strict.close();
    }
  });

  it('delivers a message after the worker process is killed (SIGKILL) mid-delivery', async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js'), '--app', 'worker'], { cwd: ROOT });
    const hook = newPath();
    const webhook = await createWebhook(admin, hook, ['case_created']);
    receiver.script(hook, { status: 200, hang: true });
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...ALLOW_LOOPBACK, LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    try {
      await createCase();
      await eventually(() => receiver.at(hook).length === 1);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    expect((await deliveriesOf(webhook))[0]).toMatchObject({ state: 'pending', attempts: 0 });

    await worker.deliverDue(); // the dead worker's lease still holds the row
    expect(receiver.at(hook)).toHaveLength(1);
    worker.clock.advance(61 * SECOND); // the lease (60 s) runs out
    await worker.deliverDue();
    const [hung, delivered] = receiver.at(hook);
    expect(delivered.headers['webhook-id']).toBe(hung.headers['webhook-id']);
    expect((await deliveriesOf(webhook))[0]).toMatchObject({ state: 'succeeded', attempts: 1 });
  });

  it('shares the work between two workers without delivering a message twice', async () => {
    const [first, second] = [newPath(), newPath()];
    await createWebhook(other, first, ['case_created']);
    await createWebhook(other, second, ['case_created']);
    const fast = { autoStart: true, pollIntervalMs: 10 };
    const [one, two] = await Promise.all([
      startTestWorker(ALLOW_LOOPBACK, fast),
      startTestWorker(ALLOW_LOOPBACK, fast),
    ]);
    try {
      const cases = 20;
      for (let index = 0; index < cases; index++) await createCase(other);
      const deadline = Date.now() + 15 * SECOND;
      while (receiver.at(first).length + receiver.at(second).length < 2 * cases && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const hook of [first, second]) {
        const ids = receiver.at(hook).map((request) => request.headers['webhook-id']);
        expect(ids).toHaveLength(cases);
        expect(new Set(ids).size).toBe(cases);
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
