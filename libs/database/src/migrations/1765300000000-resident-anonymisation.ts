import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a case's resident details were anonymised (erasure or retention): the mark that makes
 * anonymisation idempotent and a retention run resumable after a crash.
 */
export class ResidentAnonymisation1765300000000 implements MigrationInterface {
  name = 'ResidentAnonymisation1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cases ADD COLUMN anonymised_at timestamptz(3);
      CREATE INDEX cases_retention_idx ON cases (tenant_id, closed_at) WHERE status = 'closed' AND anonymised_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX cases_retention_idx; ALTER TABLE cases DROP COLUMN anonymised_at;`);
  }
}
