import type { EntityManager } from 'typeorm';
import type { DemoCase } from './demo-case-generator';

/** Joins list columns into one text per row; split again in SQL (no tag or theme holds it). */
const LIST_SEPARATOR = '\u001f';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const joined = (items: readonly string[]): string => items.join(LIST_SEPARATOR);

/** Column name, SQL array type, and how to read it from a case. */
const CASE_COLUMNS: readonly (readonly [string, string, (row: DemoCase) => unknown])[] = [
  ['id', 'uuid', (row) => row.id],
  ['reference', 'text', (row) => row.reference],
  ['internal_ref', 'text', (row) => row.internalRef],
  ['status', 'text', (row) => row.status],
  ['priority', 'text', (row) => row.priority],
  ['summary', 'text', (row) => row.summary],
  ['description', 'text', (row) => row.description],
  ['resident_name', 'text', (row) => row.residentName],
  ['resident_email', 'text', (row) => row.residentEmail],
  ['resident_phone', 'text', (row) => row.residentPhone],
  ['resident_address', 'text', (row) => row.residentAddress],
  ['resident_postcode', 'text', (row) => row.residentPostcode],
  ['source_channel', 'text', (row) => row.sourceChannel],
  ['archived', 'boolean', (row) => row.archived],
  ['highlighted_for_public', 'boolean', (row) => row.highlightedForPublic],
  ['public_summary', 'text', (row) => row.publicSummary],
  ['public_themes', 'list', (row) => joined(row.publicThemes)],
  ['tags', 'list', (row) => joined(row.tags)],
  ['ward_id', 'uuid', (row) => row.wardId],
  ['category_id', 'uuid', (row) => row.categoryId],
  ['assignee_id', 'uuid', (row) => row.assigneeId],
  ['due_at', 'timestamptz', (row) => iso(row.dueAt)],
  ['first_response_at', 'timestamptz', (row) => iso(row.firstResponseAt)],
  ['resolved_at', 'timestamptz', (row) => iso(row.resolvedAt)],
  ['closed_at', 'timestamptz', (row) => iso(row.closedAt)],
  ['version', 'integer', (row) => row.version],
  ['created_at', 'timestamptz', (row) => iso(row.createdAt)],
  ['updated_at', 'timestamptz', (row) => iso(row.updatedAt)],
];

/** `INSERT ... SELECT FROM unnest(...)`: one statement and one array parameter per column. */
const INSERT_CASES = (() => {
  const names = CASE_COLUMNS.map(([name]) => name);
  const arrays = CASE_COLUMNS.map(([, type], index) => `$${index + 2}::${type === 'list' ? 'text' : type}[]`);
  const values = CASE_COLUMNS.map(([name, type]) => (type === 'list' ? `string_to_array(${name}, chr(31))` : name));
  return `INSERT INTO cases (tenant_id, ${names.join(', ')})
    SELECT $1, ${values.join(', ')} FROM unnest(${arrays.join(', ')}) AS row (${names.join(', ')})`;
})();

const INSERT_EVENTS = `INSERT INTO case_events (tenant_id, case_id, type, at, actor_type, actor_id, actor_name, data)
  SELECT $1, case_id, type, at, actor_type, actor_id, actor_name, data::jsonb
  FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::uuid[], $7::text[], $8::text[])
    AS row (case_id, type, at, actor_type, actor_id, actor_name, data)`;

/** Inserts cases and their timelines with two statements, in the caller's transaction. */
export async function insertDemoCases(manager: EntityManager, tenantId: string, rows: readonly DemoCase[]) {
  if (rows.length === 0) return;
  const columns = CASE_COLUMNS.map(([, , read]) => rows.map(read));
  await manager.query(INSERT_CASES, [tenantId, ...columns]);

  const events: unknown[][] = [[], [], [], [], [], [], []];
  for (const row of rows) {
    for (const event of row.events) {
      events[0].push(row.id);
      events[1].push(event.type);
      events[2].push(iso(event.at));
      events[3].push(event.actor.type);
      events[4].push(event.actor.id);
      events[5].push(event.actor.name);
      events[6].push(JSON.stringify(event.data));
    }
  }
  await manager.query(INSERT_EVENTS, [tenantId, ...events]);
}
