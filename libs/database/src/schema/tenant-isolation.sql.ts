/**
 * Row-level security for a table of tenant rows: the application role sees and writes only
 * the rows of the tenant set in `app.tenant_id`; the owner (migrations, operator CLI) all.
 * Idempotent, and it changes (and so locks) the table only where something is missing:
 * `prepareDatabase` applies it to every tenant table of `TABLES` on each start while other
 * instances may be serving.
 */
export const tenantIsolationSql = (table: string): string => `
  DO $$ BEGIN
    IF NOT (SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE oid = '${table}'::regclass) THEN
      ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
      ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE tablename = '${table}' AND policyname = 'tenant_isolation') THEN
      CREATE POLICY tenant_isolation ON ${table}
        USING (tenant_id = wardline_current_tenant())
        WITH CHECK (tenant_id = wardline_current_tenant());
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE tablename = '${table}' AND policyname = 'operator_access') THEN
      CREATE POLICY operator_access ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true);
    END IF;
  END $$;
`;
