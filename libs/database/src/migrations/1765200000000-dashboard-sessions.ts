import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '../schema/tenant-isolation.sql';

/**
 * Dashboard sign-in: server-side sessions (only the SHA-256 of the cookie's token is stored),
 * and two functions that look across tenants before one is known — the sign-in candidates for
 * an email, and the session behind a token — so row-level security need not be widened.
 */
export class DashboardSessions1765200000000 implements MigrationInterface {
  name = 'DashboardSessions1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dashboard_sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT dashboard_sessions_token_hash_key UNIQUE (token_hash),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX dashboard_sessions_user_idx ON dashboard_sessions (tenant_id, user_id);

      CREATE FUNCTION wardline_sign_in_candidates(p_email text)
        RETURNS TABLE (
          user_id uuid, user_name text, tenant_id uuid, password_hash text, user_enabled boolean, tenant_status text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT u.id, u.name, u.tenant_id, u.password_hash, u.enabled, t.status
            FROM users u
            JOIN tenants t ON t.id = u.tenant_id
           WHERE lower(u.email) = lower(p_email) AND u.password_hash IS NOT NULL
           ORDER BY u.created_at, u.id
           LIMIT 5
        $$;

      CREATE FUNCTION wardline_dashboard_session(p_token_hash bytea)
        RETURNS TABLE (
          session_id uuid, session_created_at timestamptz, session_last_seen_at timestamptz,
          session_expires_at timestamptz,
          tenant_id uuid, tenant_name text, tenant_slug text, tenant_plan text, tenant_status text,
          user_id uuid, user_name text, user_email text, user_role text, user_enabled boolean)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT s.id, s.created_at, s.last_seen_at, s.expires_at,
                 t.id, t.name, t.slug, t.plan, t.status,
                 u.id, u.name, u.email, u.role, u.enabled
            FROM dashboard_sessions s
            JOIN tenants t ON t.id = s.tenant_id
            JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
           WHERE s.token_hash = p_token_hash
        $$;

      REVOKE ALL ON FUNCTION wardline_sign_in_candidates(text) FROM PUBLIC;
      REVOKE ALL ON FUNCTION wardline_dashboard_session(bytea) FROM PUBLIC;
    `);
    await db.query(tenantIsolationSql('dashboard_sessions'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE IF EXISTS dashboard_sessions;
      DROP FUNCTION IF EXISTS wardline_sign_in_candidates(text);
      DROP FUNCTION IF EXISTS wardline_dashboard_session(bytea);
    `);
  }
}
