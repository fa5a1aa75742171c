import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '../schema/tenant-isolation.sql';

/** Councillors' public content: events and news, drafted unapproved and published on approval. */
export class EventsAndNews1764900000000 implements MigrationInterface {
  name = 'EventsAndNews1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE events (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        title text NOT NULL,
        description text,
        type text NOT NULL
          CHECK (type IN ('surgery', 'council_meeting', 'committee_meeting', 'community', 'consultation')),
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3),
        location text,
        ward_id uuid,
        approved boolean NOT NULL DEFAULT false,
        published_at timestamptz(3),
        cancelled boolean NOT NULL DEFAULT false,
        created_by_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (id),
        CONSTRAINT events_ends_after_start CHECK (ends_at IS NULL OR ends_at > starts_at),
        CONSTRAINT events_published_when_approved CHECK (NOT approved OR published_at IS NOT NULL),
        FOREIGN KEY (tenant_id, ward_id) REFERENCES wards (tenant_id, id),
        FOREIGN KEY (tenant_id, created_by_id) REFERENCES users (tenant_id, id)
      );
      CREATE INDEX events_tenant_starts_idx ON events (tenant_id, starts_at, id);
      CREATE INDEX events_tenant_ward_idx ON events (tenant_id, ward_id, starts_at, id);
      CREATE INDEX events_tenant_approved_idx ON events (tenant_id, approved, starts_at, id);

      CREATE TABLE news (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        title text NOT NULL,
        summary text,
        body text NOT NULL,
        source text,
        approved boolean NOT NULL DEFAULT false,
        published_at timestamptz(3),
        ward_ids uuid[] NOT NULL DEFAULT '{}',
        created_by_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (id),
        CONSTRAINT news_published_when_approved CHECK (NOT approved OR published_at IS NOT NULL),
        FOREIGN KEY (tenant_id, created_by_id) REFERENCES users (tenant_id, id)
      );
      CREATE INDEX news_tenant_published_idx ON news (tenant_id, published_at DESC NULLS LAST, created_at DESC, id DESC);
    `);
    await db.query(tenantIsolationSql('events'));
    await db.query(tenantIsolationSql('news'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS news, events CASCADE`);
  }
}
