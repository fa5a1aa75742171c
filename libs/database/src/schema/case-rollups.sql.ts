/**
 * The SQL that keeps `case_day_counts` and `case_day_durations` equal to a count over `cases`
 * (see the CaseDayRollups migration). `source` is a relation of case rows with a `delta`
 * column: +1 for a row that now exists, -1 for one that no longer does. Each statement adds
 * the net change per key, in key order (so concurrent writers lock rows in the same order).
 */
export const applyCaseRollupDeltasSql = (source: string): string[] => [
  `INSERT INTO case_day_counts AS r (tenant_id, day, assignee_id, status, priority, cases)
   SELECT c.tenant_id, (c.created_at AT TIME ZONE t.timezone)::date, c.assignee_id, c.status, c.priority, sum(c.delta)
     FROM ${source} c JOIN tenants t ON t.id = c.tenant_id
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.delta) <> 0 ORDER BY 1, 2, 3, 4, 5
   ON CONFLICT ON CONSTRAINT case_day_counts_key DO UPDATE SET cases = r.cases + excluded.cases`,
  `INSERT INTO case_day_durations AS r (tenant_id, measure, day, assignee_id, bucket, cases)
   SELECT c.tenant_id, m.measure, (m.day_at AT TIME ZONE t.timezone)::date, c.assignee_id,
          wardline_duration_bucket(m.at - c.created_at), sum(c.delta)
     FROM ${source} c JOIN tenants t ON t.id = c.tenant_id
     CROSS JOIN LATERAL (VALUES ('first_response', c.created_at, c.first_response_at),
                                ('resolution', c.resolved_at, c.resolved_at)) AS m (measure, day_at, at)
    WHERE m.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.delta) <> 0 ORDER BY 1, 2, 3, 4, 5
   ON CONFLICT ON CONSTRAINT case_day_durations_key DO UPDATE SET cases = r.cases + excluded.cases`,
];

/** The advisory lock key of a tenant's rollups: writers share it, a rebuild takes it alone. */
export const caseRollupLock = (tenantIdSql: string): string =>
  `hashtextextended('wardline_case_rollups:' || ${tenantIdSql}::text, 0)`;

const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** The trigger function's body: `changed` (plpgsql text) is the statement's rows with deltas. */
export const caseRollupTriggerStatements = (changed: string): string =>
  [
    `EXECUTE format(${literal(`SELECT count(pg_advisory_xact_lock_shared(${caseRollupLock('tenant_id')})) FROM (SELECT DISTINCT tenant_id FROM (%s) c ORDER BY 1) t`)}, ${changed});`,
    ...applyCaseRollupDeltasSql('(%s)').map((statement) => `EXECUTE format(${literal(statement)}, ${changed});`),
  ].join('\n');

/** The rebuild function's body for the tenant in plpgsql variable `tenant`. */
export const caseRollupRebuildStatements = (tenant: string): string =>
  [
    `PERFORM pg_advisory_xact_lock(${caseRollupLock(tenant)});`,
    `DELETE FROM case_day_counts WHERE tenant_id = ${tenant};`,
    `DELETE FROM case_day_durations WHERE tenant_id = ${tenant};`,
    ...applyCaseRollupDeltasSql(`(SELECT *, 1 AS delta FROM cases WHERE tenant_id = ${tenant})`).map(
      (statement) => `${statement};`,
    ),
  ].join('\n');
