import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '../schema/tenant-isolation.sql';

/**
 * Webhook endpoints and their deliveries (one row per message and endpoint, fanned out from
 * the outbox in the change's transaction), and the one cross-tenant step of delivery: the claim.
 */
export class Webhooks1765100000000 implements MigrationInterface {
  name = 'Webhooks1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_endpoints (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        url text NOT NULL,
        description text,
        events text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz(3),
        failing_since timestamptz(3),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (id),
        UNIQUE (tenant_id, id)
      );
      CREATE INDEX webhook_endpoints_tenant_idx ON webhook_endpoints (tenant_id, created_at DESC, id DESC);
      CREATE INDEX webhook_endpoints_enabled_idx ON webhook_endpoints (tenant_id) WHERE enabled;

      CREATE TABLE webhook_deliveries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        endpoint_id uuid NOT NULL,
        message_id uuid NOT NULL,
        outbox_event_id uuid,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed', 'succeeded', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3),
        leased_until timestamptz(3),
        last_attempt_at timestamptz(3),
        last_status_code integer,
        last_duration_ms integer,
        last_error text,
        last_response_body text,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (id),
        FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (endpoint_id, next_attempt_at)
        WHERE state IN ('pending', 'failed');
      CREATE INDEX webhook_deliveries_leased_idx ON webhook_deliveries (endpoint_id) WHERE leased_until IS NOT NULL;
      CREATE INDEX webhook_deliveries_endpoint_idx
        ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC, id DESC);

      -- The only step that looks across tenants: it returns ids to work on, never their contents.
      -- Per enabled endpoint it takes at most p_per_endpoint rows minus those still leased (in
      -- flight on any worker), so a slow endpoint holds few rows and never the queue's head.
      CREATE FUNCTION wardline_claim_webhook_deliveries(
        p_now timestamptz, p_limit integer, p_per_endpoint integer, p_lease_seconds integer
      )
        RETURNS TABLE (delivery_id uuid, tenant_id uuid, leased_until timestamptz)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          WITH chosen AS (
            SELECT due.id
              FROM webhook_endpoints e
              CROSS JOIN LATERAL (
                SELECT count(*)::int AS in_flight FROM webhook_deliveries l
                 WHERE l.endpoint_id = e.id AND l.leased_until > p_now
              ) busy
              CROSS JOIN LATERAL (
                SELECT d.id, d.next_attempt_at FROM webhook_deliveries d
                 WHERE d.endpoint_id = e.id AND d.state IN ('pending', 'failed') AND d.next_attempt_at <= p_now
                   AND (d.leased_until IS NULL OR d.leased_until <= p_now)
                 ORDER BY d.next_attempt_at
                 LIMIT greatest(p_per_endpoint - busy.in_flight, 0)
                 FOR UPDATE OF d SKIP LOCKED
              ) due
             WHERE e.enabled
             ORDER BY due.next_attempt_at
             LIMIT p_limit
          )
          UPDATE webhook_deliveries d
             SET leased_until = p_now + make_interval(secs => p_lease_seconds)
            FROM chosen
           WHERE d.id = chosen.id
          RETURNING d.id, d.tenant_id, d.leased_until
        $$;
      REVOKE ALL ON FUNCTION wardline_claim_webhook_deliveries(timestamptz, integer, integer, integer) FROM PUBLIC;
    `);
    await db.query(tenantIsolationSql('webhook_endpoints'));
    await db.query(tenantIsolationSql('webhook_deliveries'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION IF EXISTS wardline_claim_webhook_deliveries(timestamptz, integer, integer, integer);
      DROP TABLE IF EXISTS webhook_deliveries, webhook_endpoints CASCADE;
    `);
  }
}
