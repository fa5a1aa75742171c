import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant settings become a versioned resource (ETag / If-Match), the public intake form finds
 * its tenant by slug before any tenant context exists, and reports get covering indexes.
 */
export class SettingsAndPublicForm1765000000000 implements MigrationInterface {
  name = 'SettingsAndPublicForm1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tenants ADD COLUMN version integer NOT NULL DEFAULT 1;

      -- The tenants table is readable by the application role only for the current tenant;
      -- the public form knows just a slug. Answers only for an active tenant whose form is on
      -- or off, and nothing but its id.
      CREATE FUNCTION wardline_public_form_tenant(p_slug text)
        RETURNS TABLE (tenant_id uuid, public_form_enabled boolean)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT t.id, t.public_form_enabled
            FROM tenants t
           WHERE t.slug = p_slug AND t.status = 'active'
        $$;
      REVOKE ALL ON FUNCTION wardline_public_form_tenant(text) FROM PUBLIC;

      -- Reports read cases by creation time, resolution time and open-and-due, from these
      -- indexes alone (index-only scans): a report never touches the wide case rows.
      CREATE INDEX cases_tenant_created_report_idx ON cases (tenant_id, created_at)
        INCLUDE (status, priority, assignee_id, ward_id, category_id, first_response_at, resolved_at);
      CREATE INDEX cases_tenant_resolved_idx ON cases (tenant_id, resolved_at)
        INCLUDE (created_at, assignee_id) WHERE resolved_at IS NOT NULL;
      CREATE INDEX cases_tenant_open_due_idx ON cases (tenant_id, due_at)
        INCLUDE (assignee_id) WHERE status IN ('open', 'in_progress', 'awaiting_response');
      -- It only reads a setting, which parallel workers share with their leader: marked safe,
      -- a large count under row-level security may use parallel workers.
      ALTER FUNCTION wardline_current_tenant() PARALLEL SAFE;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER FUNCTION wardline_current_tenant() PARALLEL UNSAFE;
      DROP INDEX IF EXISTS cases_tenant_open_due_idx;
      DROP INDEX IF EXISTS cases_tenant_resolved_idx;
      DROP INDEX IF EXISTS cases_tenant_created_report_idx;
      DROP FUNCTION IF EXISTS wardline_public_form_tenant(text);
      ALTER TABLE tenants DROP COLUMN IF EXISTS version;
    `);
  }
}
