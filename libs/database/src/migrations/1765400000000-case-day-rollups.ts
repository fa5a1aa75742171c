import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseRollupRebuildStatements, caseRollupTriggerStatements } from '../schema/case-rollups.sql';

/**
 * Report counts kept exactly beside `cases`, per local day of the tenant and again per local
 * month (`grain`), so a report over years reads its whole months and the days at its edges:
 * some thousands of rows instead of every case.
 *
 * - `case_day_counts`: cases created per local day, by assignee, current status and priority.
 * - `case_day_durations`: a histogram of elapsed time per local day and assignee: hours to a
 *   first response by the day the case was created, hours to resolution by the day it was
 *   resolved, in `wardline_duration_bucket` buckets (16 to a doubling, about 4.4% wide). A percentile locates its
 *   bucket here and reads the exact values of that one bucket from `cases`, so percentiles
 *   stay exact. `cases` stores each case's two buckets (generated columns, indexed): an
 *   expression index could not serve the application role, because row-level security keeps
 *   conditions on functions that are not leakproof out of index scans.
 *
 * The counts are derived data that the database keeps: statement triggers on `cases` apply the
 * net change of every statement in the same transaction, whatever wrote it (API, CLI, demo
 * seeding, retention, erasure, a tenant's deletion). A change of a tenant's time zone rebuilds
 * its counts in the same transaction. Writers hold a shared advisory lock per tenant and the
 * rebuild an exclusive one, so no change lands on the old zone's days after a rebuild read
 * the cases. The functions are SECURITY DEFINER: the application role may only read the
 * counts.
 */
export class CaseDayRollups1765400000000 implements MigrationInterface {
  name = 'CaseDayRollups1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION wardline_duration_bucket(elapsed interval) RETURNS smallint
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT floor(ln(1 + greatest(extract(epoch FROM elapsed)::float8, 0) / 60) * 23.083120654223414)::smallint $$;

      CREATE TABLE case_day_counts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        grain text NOT NULL CHECK (grain IN ('day', 'month')),
        day date NOT NULL,
        assignee_id uuid,
        status text NOT NULL,
        priority text NOT NULL,
        cases integer NOT NULL,
        CONSTRAINT case_day_counts_key UNIQUE NULLS NOT DISTINCT (tenant_id, grain, day, assignee_id, status, priority)
      );
      CREATE TABLE case_day_durations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        measure text NOT NULL CHECK (measure IN ('first_response', 'resolution')),
        grain text NOT NULL CHECK (grain IN ('day', 'month')),
        day date NOT NULL,
        assignee_id uuid,
        bucket smallint NOT NULL,
        cases integer NOT NULL,
        CONSTRAINT case_day_durations_key UNIQUE NULLS NOT DISTINCT (tenant_id, measure, grain, day, assignee_id, bucket)
      );

      ALTER TABLE cases
        ADD COLUMN first_response_bucket smallint
          GENERATED ALWAYS AS (wardline_duration_bucket(first_response_at - created_at)) STORED,
        ADD COLUMN resolution_bucket smallint
          GENERATED ALWAYS AS (wardline_duration_bucket(resolved_at - created_at)) STORED;
      CREATE INDEX cases_first_response_bucket_idx ON cases (tenant_id, first_response_bucket, created_at)
        INCLUDE (first_response_at, assignee_id) WHERE first_response_bucket IS NOT NULL;
      CREATE INDEX cases_resolution_bucket_idx ON cases (tenant_id, resolution_bucket, resolved_at)
        INCLUDE (created_at, assignee_id) WHERE resolution_bucket IS NOT NULL;

      CREATE FUNCTION wardline_case_rollup_trigger() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $fn$
        BEGIN
          ${caseRollupTriggerStatements()}
          RETURN NULL;
        END $fn$;

      CREATE TRIGGER cases_rollup_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_cases
        FOR EACH STATEMENT EXECUTE FUNCTION wardline_case_rollup_trigger();
      CREATE TRIGGER cases_rollup_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases
        FOR EACH STATEMENT EXECUTE FUNCTION wardline_case_rollup_trigger();
      CREATE TRIGGER cases_rollup_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_cases
        FOR EACH STATEMENT EXECUTE FUNCTION wardline_case_rollup_trigger();

      CREATE FUNCTION wardline_rebuild_case_rollups(p_tenant uuid) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $fn$
        BEGIN
          ${caseRollupRebuildStatements('p_tenant')}
        END $fn$;
      REVOKE ALL ON FUNCTION wardline_rebuild_case_rollups(uuid) FROM PUBLIC;

      CREATE FUNCTION wardline_tenant_timezone_changed() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $fn$ BEGIN PERFORM wardline_rebuild_case_rollups(NEW.id); RETURN NULL; END $fn$;
      CREATE TRIGGER tenants_timezone_rollups AFTER UPDATE OF timezone ON tenants
        FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
        EXECUTE FUNCTION wardline_tenant_timezone_changed();

      SELECT count(wardline_rebuild_case_rollups(id)) FROM tenants;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER tenants_timezone_rollups ON tenants;
      DROP FUNCTION wardline_tenant_timezone_changed();
      DROP FUNCTION wardline_rebuild_case_rollups(uuid);
      DROP TRIGGER cases_rollup_insert ON cases;
      DROP TRIGGER cases_rollup_update ON cases;
      DROP TRIGGER cases_rollup_delete ON cases;
      DROP FUNCTION wardline_case_rollup_trigger();
      ALTER TABLE cases DROP COLUMN first_response_bucket, DROP COLUMN resolution_bucket;
      DROP TABLE case_day_durations;
      DROP TABLE case_day_counts;
      DROP FUNCTION wardline_duration_bucket(interval);
    `);
  }
}
