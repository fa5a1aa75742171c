/**
 * The SQL that keeps `case_list_counts` equal to a count over `cases` (see the CaseListCounts
 * migration). `source` is a relation of case rows with a `delta` column: +1 for a row that now
 * exists, -1 for one that no longer does. Each statement adds the net change per key, in key
 * order (so concurrent writers lock rows in the same order); a change that moves no counted
 * column nets to nothing and writes nothing.
 */

/** Rows a key is spread over, so concurrent transactions of one tenant seldom wait on one row. */
const CASE_LIST_COUNT_SLOTS = 8;

/** The slot of the writing transaction: consecutive transactions take consecutive slots. */
const TRANSACTION_SLOT = `(pg_current_xact_id()::text::bigint % ${CASE_LIST_COUNT_SLOTS})::smallint`;

/** Each case counts once per dimension (`CaseListCountDimension`), under the value it has there. */
const VALUES = `CROSS JOIN LATERAL (VALUES ('all', ''), ('status', c.status), ('priority', c.priority),
       ('ward_id', c.ward_id::text), ('category_id', c.category_id::text), ('source_channel', c.source_channel)
     ) AS d (dimension, value)`;

/** The columns the counts read, from `relation`, each row counting `delta`. */
const countedRows = (relation: string, delta: 1 | -1): string =>
  `SELECT tenant_id, archived, assignee_id, status, priority, ward_id, category_id, source_channel, ${delta} AS delta FROM ${relation}`;

/**
 * The upsert of `source`'s net change into `slot`. Joining `tenants` drops the rows of a tenant
 * being deleted (its counts go with it by cascade).
 */
const applyCaseListCountDeltasSql = (source: string, slot: string = TRANSACTION_SLOT): string =>
  `INSERT INTO case_list_counts AS r (tenant_id, archived, dimension, value, assignee_id, slot, cases)
   SELECT c.tenant_id, c.archived, d.dimension, d.value, c.assignee_id, ${slot}, sum(c.delta)
     FROM ${source} c JOIN tenants t ON t.id = c.tenant_id
     ${VALUES}
    WHERE d.value IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.delta) <> 0 ORDER BY 1, 2, 3, 4, 5
   ON CONFLICT ON CONSTRAINT case_list_counts_key DO UPDATE SET cases = r.cases + excluded.cases`;

/**
 * The trigger function's body: the statement's rows as +1 (new) and -1 (old). Static SQL per
 * operation (a transition table exists only for its own), so each session plans it once.
 */
export const caseListCountTriggerStatements = (): string => `
  IF TG_OP = 'INSERT' THEN
    ${applyCaseListCountDeltasSql(`(${countedRows('new_cases', 1)})`)};
  ELSIF TG_OP = 'DELETE' THEN
    ${applyCaseListCountDeltasSql(`(${countedRows('old_cases', -1)})`)};
  ELSE
    ${applyCaseListCountDeltasSql(`(${countedRows('new_cases', 1)} UNION ALL ${countedRows('old_cases', -1)})`)};
  END IF;`;

/** Every case as it is now, counted into slot 0: the initial fill. */
export const fillCaseListCountsSql = (): string => applyCaseListCountDeltasSql(`(${countedRows('cases', 1)})`, '0');
