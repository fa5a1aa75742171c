import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '../schema/tenant-isolation.sql';

/** Tables that hold one tenant's rows; each gets the row-level security policy. */
const TENANT_TABLES = ['users', 'api_keys', 'wards', 'categories'] as const;

export class InitialSchema1764288000000 implements MigrationInterface {
  name = 'InitialSchema1764288000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION wardline_current_tenant() RETURNS uuid
        LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
        plan text NOT NULL CHECK (plan IN ('free', 'team', 'pro', 'council')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        timezone text NOT NULL DEFAULT 'Europe/London',
        locale text NOT NULL DEFAULT 'en-GB',
        case_reference_prefix text NOT NULL DEFAULT 'CW' CHECK (case_reference_prefix ~ '^[A-Z]{1,6}$'),
        default_sla_days integer NOT NULL DEFAULT 20 CHECK (default_sla_days BETWEEN 1 AND 365),
        public_form_enabled boolean NOT NULL DEFAULT false,
        anonymise_closed_cases_after_months integer CHECK (anonymise_closed_cases_after_months > 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT tenants_slug_key UNIQUE (slug)
      );

      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('caseworker', 'councillor', 'manager', 'admin')),
        enabled boolean NOT NULL DEFAULT true,
        password_hash text,
        ward_ids uuid[] NOT NULL DEFAULT '{}',
        party text,
        public_email text,
        bio text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (id),
        CONSTRAINT users_tenant_id_key UNIQUE (tenant_id, id)
      );
      CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, lower(email));
      CREATE INDEX users_tenant_created_idx ON users (tenant_id, created_at DESC, id DESC);

      CREATE TABLE api_keys (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        owner_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        prefix text NOT NULL,
        key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
        scopes text[] NOT NULL,
        expires_at timestamptz(3),
        revoked_at timestamptz(3),
        last_used_at timestamptz(3),
        created_by uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (id),
        CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
        FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id),
        FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
      );
      CREATE INDEX api_keys_tenant_created_idx ON api_keys (tenant_id, created_at DESC, id DESC);

      CREATE TABLE wards (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        gss_code text,
        council_tier text CHECK (council_tier IN ('unitary', 'district', 'county', 'metropolitan', 'london_borough', 'parish')),
        boundary_description text,
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        enabled boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (id),
        CONSTRAINT wards_tenant_id_key UNIQUE (tenant_id, id)
      );
      CREATE UNIQUE INDEX wards_tenant_name_key ON wards (tenant_id, lower(name));
      CREATE INDEX wards_tenant_name_idx ON wards (tenant_id, name, id);
      CREATE INDEX wards_tenant_created_idx ON wards (tenant_id, created_at DESC, id DESC);

      CREATE TABLE categories (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        slug text NOT NULL,
        description text,
        parent_id uuid,
        sla_days integer CHECK (sla_days BETWEEN 1 AND 365),
        enabled boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (id),
        CONSTRAINT categories_tenant_id_key UNIQUE (tenant_id, id),
        CONSTRAINT categories_tenant_slug_key UNIQUE (tenant_id, slug),
        FOREIGN KEY (tenant_id, parent_id) REFERENCES categories (tenant_id, id)
      );
      CREATE INDEX categories_tenant_name_idx ON categories (tenant_id, name, id);
      CREATE INDEX categories_tenant_created_idx ON categories (tenant_id, created_at DESC, id DESC);
    `);

    for (const table of TENANT_TABLES) await db.query(tenantIsolationSql(table));
    await db.query(`
      ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
      ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON tenants
        USING (id = wardline_current_tenant())
        WITH CHECK (id = wardline_current_tenant());
      CREATE POLICY operator_access ON tenants TO CURRENT_USER USING (true) WITH CHECK (true);
    `);

    // Key lookup happens before the tenant is known, so it runs as the owner; it returns only
    // the one key whose hash was presented.
    await db.query(`
      CREATE FUNCTION wardline_authenticate(p_key_hash bytea)
        RETURNS TABLE (
          key_id uuid, key_name text, key_prefix text, key_scopes text[], key_expires_at timestamptz,
          key_revoked_at timestamptz, key_created_at timestamptz,
          tenant_id uuid, tenant_name text, tenant_slug text, tenant_plan text, tenant_status text,
          owner_id uuid, owner_name text, owner_role text, owner_enabled boolean)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT k.id, k.name, k.prefix, k.scopes, k.expires_at, k.revoked_at, k.created_at,
                 t.id, t.name, t.slug, t.plan, t.status,
                 u.id, u.name, u.role, u.enabled
            FROM api_keys k
            JOIN tenants t ON t.id = k.tenant_id
            JOIN users u ON u.tenant_id = k.tenant_id AND u.id = k.owner_id
           WHERE k.key_hash = p_key_hash
        $$;

      CREATE FUNCTION wardline_touch_api_keys(p_ids uuid[], p_used_at timestamptz[])
        RETURNS void
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          UPDATE api_keys k SET last_used_at = greatest(k.last_used_at, u.used_at)
            FROM unnest(p_ids, p_used_at) AS u(id, used_at)
           WHERE k.id = u.id
        $$;

      REVOKE ALL ON FUNCTION wardline_authenticate(bytea) FROM PUBLIC;
      REVOKE ALL ON FUNCTION wardline_touch_api_keys(uuid[], timestamptz[]) FROM PUBLIC;

      CREATE FUNCTION wardline_notify_auth_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          -- tenants carry their id as "id", every other table as "tenant_id"
          PERFORM pg_notify('wardline_auth_changed',
            coalesce(to_jsonb(OLD) ->> 'tenant_id', to_jsonb(OLD) ->> 'id'));
          RETURN NULL;
        END $$;

      CREATE TRIGGER api_keys_auth_changed
        AFTER UPDATE OF revoked_at, expires_at, scopes, owner_id, key_hash OR DELETE ON api_keys
        FOR EACH ROW EXECUTE FUNCTION wardline_notify_auth_change();
      CREATE TRIGGER users_auth_changed AFTER UPDATE OF role, enabled, name OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION wardline_notify_auth_change();
      CREATE TRIGGER tenants_auth_changed AFTER UPDATE OF plan, status, name, slug OR DELETE ON tenants
        FOR EACH ROW EXECUTE FUNCTION wardline_notify_auth_change();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE IF EXISTS api_keys, categories, wards, users, tenants CASCADE;
      DROP FUNCTION IF EXISTS wardline_authenticate(bytea);
      DROP FUNCTION IF EXISTS wardline_touch_api_keys(uuid[], timestamptz[]);
      DROP FUNCTION IF EXISTS wardline_notify_auth_change();
      DROP FUNCTION IF EXISTS wardline_current_tenant();
    `);
  }
}
