import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a case's resident details were anonymised (erasure or retention): the mark that makes
 * anonymisation idempotent and a retention run resumable after a crash. And the one look across
 * tenants the retention job needs — which councils have retention on, ids only — so row-level
 * security on tenants need not be widened for the worker.
 */
export class ResidentAnonymisation1765300000000 implements MigrationInterface {
  name = 'ResidentAnonymisation1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cases ADD COLUMN anonymised_at timestamptz(3);
      CREATE INDEX cases_retention_idx ON cases (tenant_id, closed_at) WHERE status = 'closed' AND anonymised_at IS NULL;

      CREATE FUNCTION wardline_retention_tenants()
        RETURNS TABLE (tenant_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$ SELECT id FROM tenants WHERE anonymise_closed_cases_after_months IS NOT NULL ORDER BY created_at, id $$;
      REVOKE ALL ON FUNCTION wardline_retention_tenants() FROM PUBLIC;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION IF EXISTS wardline_retention_tenants();
      DROP INDEX cases_retention_idx;
      ALTER TABLE cases DROP COLUMN anonymised_at;
    `);
  }
}
