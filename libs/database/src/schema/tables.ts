/**
 * Every table of the schema and what the application role may do with it. Grants are derived
 * from this list on every start, and every table marked `tenant` gets (and keeps) forced
 * row-level security bound to `app.tenant_id`; a test checks that no table with a `tenant_id`
 * column is missing from it.
 */
export interface TableAccess {
  /** Table-level privileges of the application role. */
  privileges: readonly ('SELECT' | 'INSERT' | 'UPDATE' | 'DELETE')[];
  /** Column-level UPDATE where the role may change only some columns. */
  updatableColumns?: readonly string[];
  /** Holds one tenant's rows in `tenant_id`: row-level security applies. */
  tenant: boolean;
}

export const TABLES = {
  tenants: {
    privileges: ['SELECT'],
    updatableColumns: [
      'name',
      'timezone',
      'locale',
      'case_reference_prefix',
      'default_sla_days',
      'public_form_enabled',
      'anonymise_closed_cases_after_months',
      'version',
      'updated_at',
    ],
    tenant: false,
  },
  users: {
    privileges: ['SELECT', 'INSERT'],
    updatableColumns: ['name', 'ward_ids', 'party', 'public_email', 'bio', 'version', 'updated_at'],
    tenant: true,
  },
  api_keys: { privileges: ['SELECT', 'INSERT'], updatableColumns: ['revoked_at', 'expires_at'], tenant: true },
  wards: { privileges: ['SELECT', 'INSERT', 'UPDATE'], tenant: true },
  categories: { privileges: ['SELECT', 'INSERT', 'UPDATE'], tenant: true },
  cases: { privileges: ['SELECT', 'INSERT', 'UPDATE'], tenant: true },
  // UPDATE only of `data`: anonymising a resident rewrites the values their timeline entries hold.
  case_events: { privileges: ['SELECT', 'INSERT'], updatableColumns: ['data'], tenant: true },
  // Report counts the database keeps from `cases` (SECURITY DEFINER triggers): read-only here.
  case_day_counts: { privileges: ['SELECT'], tenant: true },
  case_day_durations: { privileges: ['SELECT'], tenant: true },
  // Exact list totals the database keeps from `cases` the same way: read-only here.
  case_list_counts: { privileges: ['SELECT'], tenant: true },
  case_reference_counters: { privileges: ['SELECT', 'INSERT', 'UPDATE'], tenant: true },
  audit_logs: { privileges: ['SELECT', 'INSERT'], tenant: true },
  outbox_events: { privileges: ['SELECT', 'INSERT'], tenant: true },
  idempotency_keys: { privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], tenant: true },
  events: { privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], tenant: true },
  news: { privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], tenant: true },
  webhook_endpoints: { privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], tenant: true },
  webhook_deliveries: { privileges: ['SELECT', 'INSERT', 'UPDATE'], tenant: true },
  dashboard_sessions: { privileges: ['SELECT', 'INSERT', 'DELETE'], updatableColumns: ['last_seen_at'], tenant: true },
} as const satisfies Record<string, TableAccess>;

type TableName = keyof typeof TABLES;

export const TENANT_TABLE_NAMES = (Object.keys(TABLES) as TableName[]).filter((table) => TABLES[table].tenant);
