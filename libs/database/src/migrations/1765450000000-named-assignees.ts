import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `assigned` timeline entries name the assignee: `{ from, to }` become `{ id, name }` objects
 * (null stays null) instead of bare user ids, so an integrator need not look the user up.
 * Entries written before this keep their user, named as the user is named now.
 */
export class NamedAssignees1765450000000 implements MigrationInterface {
  name = 'NamedAssignees1765450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION pg_temp.named_user(tenant uuid, side jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN side IS NULL OR jsonb_typeof(side) <> 'string' THEN side
               ELSE jsonb_build_object('id', side #>> '{}', 'name',
                      coalesce((SELECT name FROM users WHERE tenant_id = tenant AND id = (side #>> '{}')::uuid), ''))
               END $$;
      UPDATE case_events
         SET data = jsonb_build_object('from', pg_temp.named_user(tenant_id, data->'from'),
                                       'to', pg_temp.named_user(tenant_id, data->'to'))
       WHERE type = 'assigned'
         AND (jsonb_typeof(data->'from') = 'string' OR jsonb_typeof(data->'to') = 'string');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE case_events
         SET data = jsonb_build_object('from', data->'from'->'id', 'to', data->'to'->'id')
       WHERE type = 'assigned'
         AND (jsonb_typeof(data->'from') = 'object' OR jsonb_typeof(data->'to') = 'object');
    `);
  }
}
