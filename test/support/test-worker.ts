import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '@wardline/common';
import { WebhookWorker, type WebhookWorkerOptions } from '@wardline/webhooks';
import { openWorker } from '../../apps/worker/src/worker.module';
import { runLogger } from './run-log';
import { testEndpoint } from './test-app';

/** The worker's clock, moved forward by tests instead of waiting for retries. */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export interface TestWorker {
  context: INestApplicationContext;
  worker: WebhookWorker;
  clock: TestClock;
  /** Delivers everything due now (by the test clock), round after round, until nothing is. */
  deliverDue(): Promise<number>;
  close(): Promise<void>;
}

/** A real worker application context on the test database, polling only when asked unless `autoStart`. */
export async function startTestWorker(
  env: NodeJS.ProcessEnv = {},
  options: Partial<WebhookWorkerOptions> = {},
): Promise<TestWorker> {
  const endpoint = testEndpoint();
  const config = new AppConfig({ LOG_LEVEL: 'silent', ...env, DATABASE_URL: endpoint.ownerUrl });
  const clock = new TestClock();
  const context = await openWorker(
    config,
    endpoint,
    { autoStart: false, clock: clock.now, ...options },
    runLogger('test worker'),
  );
  await context.init();
  const worker = context.get(WebhookWorker);
  return {
    context,
    worker,
    clock,
    deliverDue: async () => {
      let total = 0;
      for (let claimed = await worker.runOnce(); claimed > 0; claimed = await worker.runOnce()) total += claimed;
      return total;
    },
    close: () => context.close(),
  };
}
