import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops accepting connections, lets requests in flight finish (up to `graceMs`, then cuts
 * them), and runs the shutdown hooks: `lastUsedAt` is flushed and the pools are closed.
 */
export async function shutdownGracefully(app: INestApplication, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  const server = app.getHttpServer() as Server;
  const cutOff = setTimeout(() => server.closeAllConnections(), graceMs);
  // A keep-alive connection whose request has just finished would otherwise hold the close open.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await app.close();
  } finally {
    clearTimeout(cutOff);
    clearInterval(sweep);
  }
}
