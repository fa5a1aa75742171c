import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseListCountTriggerStatements, fillCaseListCountsSql } from '../schema/case-list-counts.sql';

/**
 * Exact counts of each tenant's cases for the `total` of page-mode lists, kept beside `cases`:
 * per archived flag and assignee, once in all (`all`) and once under each value of every
 * discrete list filter (status, priority, ward, category, source channel). A list filtered by
 * at most one of those (any number of its values), the archived flag and assignees sums a
 * handful of rows instead of counting up to a million cases.
 *
 * Statement triggers on `cases` apply the net change of every statement in the same
 * transaction, whatever wrote it (API, CLI, demo seeding, retention, erasure, a tenant's
 * deletion), as the report counts do (CaseDayRollups). Each key is spread over a few `slot`
 * rows, picked by the writing transaction's id, so concurrent writers of one tenant seldom wait
 * on each other's row; readers add the slots up. The function is SECURITY DEFINER: the
 * application role may only read the counts. The fill runs while the triggers' creation holds
 * off writers to `cases`, so it counts exactly what is there when the migration commits.
 */
export class CaseListCounts1765500000000 implements MigrationInterface {
  name = 'CaseListCounts1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_list_counts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        archived boolean NOT NULL,
        dimension text NOT NULL
          CHECK (dimension IN ('all', 'status', 'priority', 'ward_id', 'category_id', 'source_channel')),
        value text NOT NULL,
        assignee_id uuid,
        slot smallint NOT NULL,
        cases integer NOT NULL,
        CONSTRAINT case_list_counts_key UNIQUE NULLS NOT DISTINCT (tenant_id, archived, dimension, value, assignee_id, slot)
      );

      CREATE FUNCTION wardline_case_list_count_trigger() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $fn$
        BEGIN
          ${caseListCountTriggerStatements()}
          RETURN NULL;
        END $fn$;

      CREATE TRIGGER cases_list_count_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_cases
        FOR EACH STATEMENT EXECUTE FUNCTION wardline_case_list_count_trigger();
      CREATE TRIGGER cases_list_count_update AFTER UPDATE ON cases
        REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases
        FOR EACH STATEMENT EXECUTE FUNCTION wardline_case_list_count_trigger();
      CREATE TRIGGER cases_list_count_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_cases
        FOR EACH STATEMENT EXECUTE FUNCTION wardline_case_list_count_trigger();

      ${fillCaseListCountsSql()};
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER cases_list_count_insert ON cases;
      DROP TRIGGER cases_list_count_update ON cases;
      DROP TRIGGER cases_list_count_delete ON cases;
      DROP FUNCTION wardline_case_list_count_trigger();
      DROP TABLE case_list_counts;
    `);
  }
}
