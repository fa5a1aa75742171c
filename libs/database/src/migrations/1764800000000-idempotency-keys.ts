import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '../schema/tenant-isolation.sql';

/** The first answer to each `Idempotency-Key`, per API key, kept 24 hours (contract §8). */
export class IdempotencyKeys1764800000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        api_key_id uuid NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
        -- SHA-256 of method, path and body: the same key with another request is refused.
        request_hash bytea NOT NULL,
        -- NULL while the first attempt is still running.
        response_status integer,
        response_body jsonb,
        response_headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, api_key_id, idempotency_key)
      );
      CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
      ${tenantIsolationSql('idempotency_keys')}

      -- Expired answers are removed across tenants, which row-level security would not let the API do itself.
      CREATE FUNCTION wardline_purge_idempotency_keys() RETURNS integer
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          WITH gone AS (DELETE FROM idempotency_keys WHERE expires_at < now() RETURNING 1)
          SELECT count(*)::integer FROM gone
        $$;
      REVOKE ALL ON FUNCTION wardline_purge_idempotency_keys() FROM PUBLIC;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION IF EXISTS wardline_purge_idempotency_keys();
      DROP TABLE IF EXISTS idempotency_keys;
    `);
  }
}
