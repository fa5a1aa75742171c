import 'reflect-metadata';
import { configOrExit } from '@wardline/common';
import { openDatabaseEndpoint, prepareDatabase } from '@wardline/database';
import { openWorker } from './worker.module';

async function main(): Promise<void> {
  const config = configOrExit();
  const endpoint = await openDatabaseEndpoint(config);
  await prepareDatabase(endpoint.ownerUrl, endpoint.appUrl);
  const worker = await openWorker(config, endpoint);
  worker.enableShutdownHooks();
  process.stdout.write('Wardline worker is delivering webhooks\n');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`${signal} received: finishing deliveries in flight\n`);
    await worker.close().catch(() => undefined);
    await endpoint.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Wardline worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
