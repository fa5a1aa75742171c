import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '../schema/tenant-isolation.sql';

/** The audit log (append-only) and the webhook outbox, written by the change recorder. */
export class ChangeRecords1764460800000 implements MigrationInterface {
  name = 'ChangeRecords1764460800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_logs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        occurred_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id uuid,
        actor_name text NOT NULL,
        actor_prefix text,
        actor_owner_id uuid,
        actor_owner_name text,
        action text NOT NULL CHECK (action ~ '^[a-z_]+\\.[a-z_]+$'),
        resource_type text NOT NULL,
        resource_id uuid,
        changes jsonb NOT NULL DEFAULT '{}',
        request_id text,
        ip text,
        user_agent text,
        PRIMARY KEY (id)
      );
      CREATE INDEX audit_logs_tenant_occurred_idx ON audit_logs (tenant_id, occurred_at DESC, id DESC);
      CREATE INDEX audit_logs_tenant_resource_idx
        ON audit_logs (tenant_id, resource_type, resource_id, occurred_at DESC, id DESC);
      CREATE INDEX audit_logs_tenant_action_idx ON audit_logs (tenant_id, action, occurred_at DESC, id DESC);
      CREATE INDEX audit_logs_tenant_actor_idx ON audit_logs (tenant_id, actor_id, occurred_at DESC, id DESC);

      -- Append-only for every role, the owner included: entries are evidence.
      CREATE FUNCTION wardline_refuse_audit_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_logs is append-only' USING ERRCODE = 'insufficient_privilege';
        END $$;
      CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
        FOR EACH ROW EXECUTE FUNCTION wardline_refuse_audit_change();
      CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
        FOR EACH STATEMENT EXECUTE FUNCTION wardline_refuse_audit_change();

      CREATE TABLE outbox_events (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        type text NOT NULL,
        payload jsonb NOT NULL,
        audit_log_id uuid NOT NULL,
        occurred_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (id)
      );
      CREATE INDEX outbox_events_seq_idx ON outbox_events (seq);
      CREATE INDEX outbox_events_tenant_idx ON outbox_events (tenant_id, occurred_at DESC, id DESC);
    `);
    // Key use is recorded inside the key's tenant transaction: the function touches only that
    // tenant's keys, so a caller with no tenant (or another one) moves nothing.
    await db.query(`
      CREATE OR REPLACE FUNCTION wardline_touch_api_keys(p_ids uuid[], p_used_at timestamptz[])
        RETURNS void
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          UPDATE api_keys k SET last_used_at = greatest(k.last_used_at, least(u.used_at, now()))
            FROM unnest(p_ids, p_used_at) AS u(id, used_at)
           WHERE k.id = u.id AND k.tenant_id = wardline_current_tenant()
        $$;
    `);
    await db.query(tenantIsolationSql('audit_logs'));
    await db.query(tenantIsolationSql('outbox_events'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE IF EXISTS outbox_events, audit_logs CASCADE;
      DROP FUNCTION IF EXISTS wardline_refuse_audit_change();
    `);
  }
}
