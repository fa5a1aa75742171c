/**
 * Row-level security for a table of tenant rows: the application role sees and writes only
 * the rows of the tenant set in `app.tenant_id`; the owner (migrations, operator CLI) all.
 * Every migration that adds a tenant table applies it.
 */
export const tenantIsolationSql = (table: string): string => `
  ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
  ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant_isolation ON ${table}
    USING (tenant_id = wardline_current_tenant())
    WITH CHECK (tenant_id = wardline_current_tenant());
  CREATE POLICY operator_access ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true);
`;
