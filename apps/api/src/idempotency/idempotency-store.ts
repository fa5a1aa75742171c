import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TenantTransaction } from '@wardline/tenancy';
import { DataSource } from 'typeorm';

const PURGE_INTERVAL_MS = 10 * 60_000;

export interface StoredAttempt {
  requestHash: Buffer;
  /** `null` while the first attempt is still running. */
  status: number | null;
  body: unknown;
  headers: Record<string, string>;
}

interface AttemptRow {
  request_hash: Buffer;
  response_status: number | null;
  response_body: unknown;
  response_headers: Record<string, string>;
}

/**
 * The `idempotency_keys` table. Each call is its own short tenant transaction, committed at
 * once, so a concurrent attempt sees the claim while the first one runs.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyStore.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly transaction: TenantTransaction,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.purgeExpired(), PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Claims the key for this request, or answers what an earlier attempt left. */
  claim(apiKeyId: string, key: string, requestHash: Buffer): Promise<'claimed' | StoredAttempt> {
    return this.transaction.run(async () => {
      const manager = this.transaction.manager;
      // A row past its 24 hours is taken over as if it were not there.
      const claimed = (await manager.query(
        `INSERT INTO idempotency_keys (tenant_id, api_key_id, idempotency_key, request_hash, expires_at)
         VALUES (wardline_current_tenant(), $1, $2, $3, now() + interval '24 hours')
         ON CONFLICT (tenant_id, api_key_id, idempotency_key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL,
               response_headers = '{}', created_at = now(), expires_at = EXCLUDED.expires_at
           WHERE idempotency_keys.expires_at < now()
         RETURNING 1`,
        [apiKeyId, key, requestHash],
      )) as unknown[];
      if (claimed.length > 0) return 'claimed';
      const [row] = (await manager.query(
        `SELECT request_hash, response_status, response_body, response_headers
           FROM idempotency_keys WHERE api_key_id = $1 AND idempotency_key = $2`,
        [apiKeyId, key],
      )) as AttemptRow[];
      return {
        requestHash: row.request_hash,
        status: row.response_status,
        body: row.response_body,
        headers: row.response_headers,
      };
    });
  }

  complete(
    apiKeyId: string,
    key: string,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<void> {
    return this.transaction.run(async () => {
      await this.transaction.manager.query(
        `UPDATE idempotency_keys SET response_status = $3, response_body = $4, response_headers = $5
          WHERE api_key_id = $1 AND idempotency_key = $2`,
        [apiKeyId, key, status, JSON.stringify(body ?? null), JSON.stringify(headers)],
      );
    });
  }

  /** A failed attempt leaves nothing to replay: the client may try again with the same key. */
  release(apiKeyId: string, key: string): Promise<void> {
    return this.transaction.run(async () => {
      await this.transaction.manager.query(
        `DELETE FROM idempotency_keys WHERE api_key_id = $1 AND idempotency_key = $2 AND response_status IS NULL`,
        [apiKeyId, key],
      );
    });
  }

  private async purgeExpired(): Promise<void> {
    try {
      await this.dataSource.query('SELECT wardline_purge_idempotency_keys()');
    } catch (error) {
      this.logger.warn(`could not purge expired idempotency keys: ${(error as Error).message}`);
    }
  }
}
