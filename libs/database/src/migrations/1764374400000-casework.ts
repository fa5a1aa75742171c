import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '../schema/tenant-isolation.sql';

const CASEWORK_TENANT_TABLES = ['cases', 'case_events', 'case_reference_counters'] as const;

export class Casework1764374400000 implements MigrationInterface {
  name = 'Casework1764374400000';

  async up(db: QueryRunner): Promise<void> {
    // btree_gin lets one GIN index start with tenant_id, so a search stays inside the tenant.
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    // Under row-level security PostgreSQL only uses an index for a condition whose operator is
    // LEAKPROOF; text match (tsvector @@ tsquery) raises no value-dependent error, so it can be
    // one. Only a superuser may say so; without that right, search scans the tenant's rows.
    await db.query(`
      DO $$ BEGIN
        ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'not a superuser: case search will not use its index under row-level security';
      END $$;
    `);
    await db.query(`
      CREATE FUNCTION wardline_priority_rank(priority text) RETURNS smallint
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 WHEN 'urgent' THEN 3 END::smallint $$;

      CREATE TABLE case_reference_counters (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        year integer NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (tenant_id, year)
      );

      CREATE TABLE cases (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        reference text NOT NULL,
        -- Sorts CW-2026-9999 before CW-2026-10000: the number zero-padded.
        reference_sort text GENERATED ALWAYS AS (
          regexp_replace(reference, '[0-9]+$', '') || lpad(substring(reference from '[0-9]+$'), 12, '0')
        ) STORED,
        internal_ref text,
        status text NOT NULL DEFAULT 'open'
          CHECK (status IN ('open', 'in_progress', 'awaiting_response', 'resolved', 'closed')),
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        priority_rank smallint GENERATED ALWAYS AS (wardline_priority_rank(priority)) STORED,
        summary text NOT NULL,
        description text,
        resident_name text,
        resident_email text,
        resident_phone text,
        resident_address text,
        resident_postcode text,
        source_channel text NOT NULL DEFAULT 'api' CHECK (source_channel IN
          ('email', 'phone', 'web_form', 'surgery', 'letter', 'social_media', 'in_person', 'api')),
        archived boolean NOT NULL DEFAULT false,
        highlighted_for_public boolean NOT NULL DEFAULT false,
        public_summary text,
        public_themes text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        ward_id uuid,
        category_id uuid,
        assignee_id uuid,
        due_at timestamptz(3) NOT NULL,
        first_response_at timestamptz(3),
        resolved_at timestamptz(3),
        closed_at timestamptz(3),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', coalesce(reference, '')), 'A') ||
          setweight(to_tsvector('english', coalesce(summary, '')), 'A') ||
          setweight(to_tsvector('english', coalesce(description, '')), 'B') ||
          setweight(to_tsvector('english', coalesce(resident_name, '')), 'C') ||
          setweight(to_tsvector('english', coalesce(resident_email, '')), 'C') ||
          setweight(to_tsvector('english', coalesce(resident_postcode, '')), 'C') ||
          setweight(to_tsvector('english', replace(coalesce(resident_postcode, ''), ' ', '')), 'C')
        ) STORED,
        PRIMARY KEY (id),
        CONSTRAINT cases_tenant_id_key UNIQUE (tenant_id, id),
        CONSTRAINT cases_tenant_reference_key UNIQUE (tenant_id, reference),
        FOREIGN KEY (tenant_id, ward_id) REFERENCES wards (tenant_id, id),
        FOREIGN KEY (tenant_id, category_id) REFERENCES categories (tenant_id, id),
        FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id)
      );

      -- Lists run inside one tenant, usually unarchived, newest first; each filter and sort has
      -- an index that starts with the tenant so it stays an index scan.
      CREATE INDEX cases_tenant_created_idx ON cases (tenant_id, archived, created_at DESC, id DESC);
      CREATE INDEX cases_tenant_updated_idx ON cases (tenant_id, archived, updated_at DESC, id DESC);
      CREATE INDEX cases_tenant_due_idx ON cases (tenant_id, archived, due_at, id);
      CREATE INDEX cases_tenant_priority_idx ON cases (tenant_id, archived, priority_rank, id);
      CREATE INDEX cases_tenant_reference_idx ON cases (tenant_id, archived, reference_sort, id);
      CREATE INDEX cases_tenant_status_idx ON cases (tenant_id, status, created_at DESC, id DESC);
      CREATE INDEX cases_tenant_ward_idx ON cases (tenant_id, ward_id, created_at DESC, id DESC);
      CREATE INDEX cases_tenant_category_idx ON cases (tenant_id, category_id, created_at DESC, id DESC);
      CREATE INDEX cases_tenant_assignee_idx ON cases (tenant_id, assignee_id, created_at DESC, id DESC);
      CREATE INDEX cases_tenant_priority_filter_idx ON cases (tenant_id, priority, created_at DESC, id DESC);
      CREATE INDEX cases_tenant_source_idx ON cases (tenant_id, source_channel, created_at DESC, id DESC);
      CREATE INDEX cases_search_idx ON cases USING gin (tenant_id, search_vector);

      CREATE TABLE case_events (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        -- Orders entries written in the same millisecond (one request may write several).
        seq bigint GENERATED ALWAYS AS IDENTITY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        case_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('created', 'status_changed', 'assigned', 'note_added', 'updated')),
        at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id uuid,
        actor_name text NOT NULL,
        actor_owner_id uuid,
        actor_owner_name text,
        data jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX case_events_case_idx ON case_events (tenant_id, case_id, at, seq);
    `);

    for (const table of CASEWORK_TENANT_TABLES) await db.query(tenantIsolationSql(table));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE IF EXISTS case_events, cases, case_reference_counters CASCADE;
      DROP FUNCTION IF EXISTS wardline_priority_rank(text);
    `);
  }
}
