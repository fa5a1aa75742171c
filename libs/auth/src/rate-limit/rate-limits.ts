import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@wardline/common';
import type { Plan } from '@wardline/database';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { connectRedis } from './redis-connection';
import { decide, type RateDecision } from './sliding-window';

/** Counters never refuse by themselves: the sliding-window decision is ours. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/**
 * Contract §6: per-key limits for valid keys, per-IP limits for missing or invalid ones.
 * Counts live in Redis when `REDIS_URL` is set (shared by every instance), in memory
 * otherwise; while Redis is unreachable the in-memory counters stand in for it.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimits.name);
  private readonly redis: Redis | undefined;
  private readonly counters: RateLimiterAbstract;
  private readonly windowMs: number;

  constructor(private readonly config: AppConfig) {
    const duration = 2 * config.rateLimitWindowSeconds; // a window's count is still read as "previous"
    this.windowMs = config.rateLimitWindowSeconds * 1000;
    const memory = new RateLimiterMemory({ points: UNBOUNDED, duration, keyPrefix: 'wl_rl' });
    if (config.redisUrl) {
      this.redis = connectRedis(config.redisUrl, this.logger);
      this.counters = new RateLimiterRedis({
        storeClient: this.redis,
        points: UNBOUNDED,
        duration,
        keyPrefix: 'wl_rl',
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      });
    } else {
      this.counters = memory;
    }
  }

  onApplicationShutdown(): void {
    // Counters are written as requests come; nothing is left to flush, and Redis may be away.
    this.redis?.disconnect();
  }

  limitOf(plan: Plan): number {
    return this.config.rateLimitPerPlan[plan as 'pro' | 'council'] ?? this.config.rateLimitPerMinute;
  }

  forKey(keyId: string, plan: Plan): Promise<RateDecision> {
    return this.take(`key:${keyId}`, this.limitOf(plan));
  }

  forFailedAuth(clientIp: string): Promise<RateDecision> {
    return this.take(`ip:${clientIp}`, this.config.rateLimitFailedAuthPerMinute);
  }

  private async take(subject: string, limit: number): Promise<RateDecision> {
    const now = Date.now();
    const window = Math.floor(now / this.windowMs);
    const [previous, current] = await Promise.all([
      this.counters.get(`${subject}:${window - 1}`),
      this.counters.consume(`${subject}:${window}`),
    ]);
    const decision = decide(
      { previous: previous?.consumedPoints ?? 0, current: current.consumedPoints },
      limit,
      now,
      this.windowMs,
    );
    // A refused request does not count: a client that waits as told gets in.
    if (!decision.allowed) await this.counters.reward(`${subject}:${window}`, 1);
    return decision;
  }
}
