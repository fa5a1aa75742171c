/**
 * Webhook delivery throughput and latency with one worker.
 *
 * Method: a council with 8 endpoints on one loopback receiver (allowed by configuration).
 * Throughput: BENCH_DELIVERIES (default 5000) deliveries are queued directly in
 * `webhook_deliveries`, then one worker (default concurrency) delivers them; deliveries per
 * second = count / time until the receiver has them all and the rows are `succeeded`.
 * Latency: BENCH_CHANGES (default 50) cases are created one after another over HTTP while the
 * worker polls as in production; the median time from the API's 201 to the receiver's request.
 *
 * Run: npm run bench -- webhook-delivery
 */
import { loadavg } from 'node:os';
import { median } from './plan';
import { useApiSuite } from '../test/support/suite';
import { startTestWorker } from '../test/support/test-worker';
import { WebhookReceiver } from '../test/support/webhook-receiver';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 5000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 50);
const ENV = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
const ENDPOINTS = 8;

describe('webhook delivery', () => {
  const suite = useApiSuite(ENV);
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it(`delivers ${DELIVERIES} queued deliveries and ${CHANGES} case changes with one worker`, async () => {
    const admin = await suite.fixtures.keyedUser('council', 'admin');
    const ids: string[] = [];
    for (let index = 0; index < ENDPOINTS; index++) {
      const created = await suite.request('POST', '/api/webhooks', {
        key: admin.key,
        json: { url: receiver.url(`/bench-${index}`), events: ['case_created'] },
      });
      ids.push(created.body.id as string);
    }
    await suite.fixtures.owner.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, next_attempt_at)
       SELECT $1, ($2::uuid[])[1 + n % $3], gen_random_uuid(), 'case_created',
              jsonb_build_object('event', 'case_created', 'timestamp', now(), 'data', jsonb_build_object('n', n)), now()
         FROM generate_series(1, $4) AS n`,
      [admin.tenant.id, ids, ENDPOINTS, DELIVERIES],
    );

    const worker = await startTestWorker(ENV, { autoStart: true, clock: () => new Date() });
    try {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      while (receiver.received.length < DELIVERIES) await new Promise((resolve) => setTimeout(resolve, 20));
      const seconds = (performance.now() - started) / 1000;
      const perSecond = Math.round(DELIVERIES / seconds);
      const cpu = process.cpuUsage(cpuBefore);
      // Worker, receiver and API share this process: CPU per delivery bounds the rate on a free core.
      const cpuMsPerDelivery = (cpu.user + cpu.system) / 1000 / DELIVERIES;

      const latencies: number[] = [];
      for (let index = 0; index < CHANGES; index++) {
        const before = receiver.received.length;
        await suite.request('POST', '/api/cases', { key: admin.key, json: { summary: `Bench ${index}` } });
        const answered = performance.now();
        while (receiver.received.length < before + ENDPOINTS) await new Promise((resolve) => setTimeout(resolve, 2));
        latencies.push(performance.now() - answered);
      }
      const medianMs = Math.round(median(latencies));
      process.stdout.write(
        `\nwebhook delivery, one worker: ${DELIVERIES} deliveries in ${seconds.toFixed(2)} s = ${perSecond}/s ` +
          `(${cpuMsPerDelivery.toFixed(2)} ms CPU per delivery in this process, load average ${loadavg()[0].toFixed(1)}); ` +
          `case change -> delivery median ${medianMs} ms over ${CHANGES} changes (${ENDPOINTS} endpoints each)\n`,
      );
      expect(perSecond).toBeGreaterThanOrEqual(500);
      expect(medianMs).toBeLessThanOrEqual(1000);
    } finally {
      await worker.close();
    }
  });
});
