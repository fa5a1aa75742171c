/**
 * The SQL that keeps `case_day_counts` and `case_day_durations` equal to a count over `cases`
 * (see the CaseDayRollups migration), per local day and per local month. `source` is a relation of case rows with a `delta`
 * column: +1 for a row that now exists, -1 for one that no longer does. Each statement adds
 * the net change per key, in key order (so concurrent writers lock rows in the same order).
 */
/** Every change counts on its local day and again on that day's month (the month's first day). */
const GRAINS = `CROSS JOIN LATERAL (VALUES ('day', l.local), ('month', date_trunc('month', l.local)::date)) AS g (grain, day)`;

export const applyCaseRollupDeltasSql = (source: string): string[] => [
  `INSERT INTO case_day_counts AS r (tenant_id, grain, day, assignee_id, status, priority, cases)
   SELECT c.tenant_id, g.grain, g.day, c.assignee_id, c.status, c.priority, sum(c.delta)
     FROM ${source} c JOIN tenants t ON t.id = c.tenant_id
     CROSS JOIN LATERAL (SELECT (c.created_at AT TIME ZONE t.timezone)::date AS local) l
     ${GRAINS}
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(c.delta) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
   ON CONFLICT ON CONSTRAINT case_day_counts_key DO UPDATE SET cases = r.cases + excluded.cases`,
  `INSERT INTO case_day_durations AS r (tenant_id, measure, grain, day, assignee_id, bucket, cases)
   SELECT c.tenant_id, m.measure, g.grain, g.day, c.assignee_id, m.bucket, sum(c.delta)
     FROM ${source} c JOIN tenants t ON t.id = c.tenant_id
     CROSS JOIN LATERAL (VALUES ('first_response', c.created_at, c.first_response_bucket),
                                ('resolution', c.resolved_at, c.resolution_bucket)) AS m (measure, day_at, bucket)
     CROSS JOIN LATERAL (SELECT (m.day_at AT TIME ZONE t.timezone)::date AS local) l
     ${GRAINS}
    WHERE m.bucket IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(c.delta) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
   ON CONFLICT ON CONSTRAINT case_day_durations_key DO UPDATE SET cases = r.cases + excluded.cases`,
];

/** The advisory lock key of a tenant's rollups: writers share it, a rebuild takes it alone. */
export const caseRollupLock = (tenantIdSql: string): string =>
  `hashtextextended('wardline_case_rollups:' || ${tenantIdSql}::text, 0)`;

/** The statements that apply the rows of `source` (with their deltas), under the shared lock. */
const applyUnderSharedLock = (source: string): string =>
  [
    `PERFORM pg_advisory_xact_lock_shared(${caseRollupLock('tenant_id')}) FROM (SELECT DISTINCT tenant_id FROM ${source} c ORDER BY 1) t;`,
    ...applyCaseRollupDeltasSql(source).map((statement) => `${statement};`),
  ].join('\n');

/**
 * The trigger function's body: the statement's rows as +1 (new) and -1 (old). Static SQL per
 * operation (a transition table exists only for its own), so each session plans it once.
 */
export const caseRollupTriggerStatements = (): string => `
  IF TG_OP = 'INSERT' THEN
    ${applyUnderSharedLock('(SELECT *, 1 AS delta FROM new_cases)')}
  ELSIF TG_OP = 'DELETE' THEN
    ${applyUnderSharedLock('(SELECT *, -1 AS delta FROM old_cases)')}
  ELSE
    ${applyUnderSharedLock('(SELECT *, 1 AS delta FROM new_cases UNION ALL SELECT *, -1 AS delta FROM old_cases)')}
  END IF;`;

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
