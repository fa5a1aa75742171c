import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseEndpoint } from '@wardline/database';
import { WebhookReceiver } from '../../test/support/webhook-receiver';
import { median } from '../plan';
import type { BenchTenant } from './bench-state';
import { benchApiEnv, ROOT, startDaemon, type Started } from './processes';

const ENDPOINTS = 8;
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 5000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 50);
const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface WebhookMeasures {
  deliveries: number;
  perSecond: number;
  changes: number;
  medianChangeMs: number;
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error('webhook deliveries did not all arrive in time');
    await sleep(5);
  }
}

/**
 * One worker process (the production build) delivering to a loopback receiver: throughput over
 * `DELIVERIES` deliveries queued straight in the table for `ENDPOINTS` endpoints (first to last
 * arrival), then the time from a case create's 201 to its delivery at every endpoint.
 */
export async function measureWebhooks(
  endpoint: DatabaseEndpoint,
  api: Started,
  tenant: BenchTenant,
): Promise<WebhookMeasures> {
  const receiver = await new WebhookReceiver().start();
  const owner = new Client({ connectionString: endpoint.ownerUrl });
  await owner.connect();
  let worker: Started | undefined;
  const ids: string[] = [];
  const post = (path: string, json: unknown) =>
    fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'x-api-key': tenant.adminKey, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
  try {
    for (let index = 0; index < ENDPOINTS; index += 1) {
      const response = await post('/api/webhooks', { url: receiver.url(`/bench-${index}`), events: ['case_created'] });
      if (response.status !== 201) throw new Error(`creating a webhook: HTTP ${response.status}`);
      ids.push(((await response.json()) as { id: string }).id);
    }
    await owner.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, next_attempt_at)
       SELECT $1, ($2::uuid[])[1 + n % $3], gen_random_uuid(), 'case_created',
              jsonb_build_object('event', 'case_created', 'timestamp', now(), 'data', jsonb_build_object('n', n)), now()
         FROM generate_series(1, $4) AS n`,
      [tenant.id, ids, ENDPOINTS, DELIVERIES],
    );
    worker = await startDaemon(WORKER_MAIN, benchApiEnv(endpoint));
    await until(() => receiver.received.length >= 1, 60_000);
    const first = performance.now();
    await until(() => receiver.received.length >= DELIVERIES, 300_000);
    const perSecond = (DELIVERIES - 1) / ((performance.now() - first) / 1000);

    const latencies: number[] = [];
    for (let index = 0; index < CHANGES; index += 1) {
      const before = receiver.received.length;
      const response = await post('/api/cases', { summary: `Bench webhook ${index}` });
      const answered = performance.now();
      if (response.status !== 201) throw new Error(`creating a case: HTTP ${response.status}`);
      await until(() => receiver.received.length >= before + ENDPOINTS, 30_000);
      latencies.push(performance.now() - answered);
    }
    return { deliveries: DELIVERIES, perSecond, changes: CHANGES, medianChangeMs: median(latencies) };
  } finally {
    await worker?.stop();
    for (const id of ids) {
      await fetch(`${api.url}/api/webhooks/${id}`, { method: 'DELETE', headers: { 'x-api-key': tenant.adminKey } });
    }
    await owner.end();
    await receiver.stop();
  }
}
