import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * The connection the shared limits use. Commands fail at once while Redis is away (no
 * offline queue, short timeout), so a request never waits on it; the change of state is
 * logged once each way.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let shared = false;
  let warned = false;
  redis.on('ready', () => {
    shared = true;
    if (warned) logger.log('Redis is back: rate limits are shared across instances again');
    warned = false;
  });
  const lost = (reason: string) => {
    if (warned) return;
    warned = true;
    shared = false;
    logger.warn(`Redis unreachable (${reason}): rate limits are per instance until it returns`);
  };
  redis.on('error', (error: Error) => lost(error.message));
  redis.on('close', () => {
    if (shared) lost('connection closed');
  });
  return redis;
}
