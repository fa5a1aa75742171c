import './bootstrap/with-node-flags';
import 'reflect-metadata';
import { configOrExit } from '@wardline/common';
import { Logger } from '@nestjs/common';
import { openDatabaseEndpoint, prepareDatabase, recordApiProcess } from '@wardline/database';
import { createApp } from './bootstrap/create-app';
import { firstRun } from './bootstrap/first-run';
import { shutdownGracefully } from './bootstrap/shutdown';

async function main(): Promise<void> {
  const config = configOrExit();
  const endpoint = await openDatabaseEndpoint(config);
  const forgetApiProcess = await recordApiProcess(config.dataDir, endpoint.embedded);
  if (endpoint.relocatedTo) {
    process.stdout.write(
      `Running as root: the postgres user cannot reach this folder, so the embedded PostgreSQL keeps its data in ${endpoint.relocatedTo}\n`,
    );
  }
  await prepareDatabase(endpoint.ownerUrl, endpoint.appUrl);
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const welcome = await firstRun(config, endpoint, base);
  const app = await createApp(config, endpoint);
  const processLogger = new Logger('Process');
  // A promise nobody awaited is a bug to log, not a reason to drop every request in flight.
  process.on('unhandledRejection', (reason) => {
    processLogger.error({ err: reason }, 'Unhandled promise rejection');
  });
  await app.listen({ port: config.port, host: config.host });

  process.stdout.write(`\nWardline is running on ${base}\n  API docs (Swagger UI): ${base}/docs\n${welcome}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`\n${signal} received: stopping\n`);
    await shutdownGracefully(app).catch(() => undefined);
    await endpoint.stop().catch(() => undefined);
    await forgetApiProcess().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Wardline failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
