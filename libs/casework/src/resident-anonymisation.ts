import { Injectable } from '@nestjs/common';
import { outwardCode } from '@wardline/common';
import { TenantContext, TenantTransaction } from '@wardline/tenancy';

/** What a note's body becomes once its case is anonymised. */
export const ANONYMISED_NOTE = '[anonymised]';

/** Resident fields that identify a person: emptied. The postcode is kept to its outward code. */
const CONTACT_FIELDS = ['residentName', 'residentEmail', 'residentPhone', 'residentAddress'] as const;

type Move = { from: unknown; to: unknown };

const anonymisedValue = (field: string, value: unknown): unknown => {
  if (value === null || value === undefined) return value;
  if (field === 'residentPostcode') return outwardCode(String(value));
  return (CONTACT_FIELDS as readonly string[]).includes(field) ? null : value;
};

/**
 * A timeline entry's data once its case is anonymised: a note's body replaced, and the resident
 * values an `updated` entry moved between emptied (the postcode kept to its outward code); the
 * entry's shape — which fields changed — is kept. Returns null when nothing needs to change.
 */
export function anonymisedTimelineData(type: string, data: Record<string, unknown>): Record<string, unknown> | null {
  if (type === 'note_added') {
    return data.body === ANONYMISED_NOTE ? null : { ...data, body: ANONYMISED_NOTE };
  }
  if (type !== 'updated' || typeof data.changes !== 'object' || data.changes === null) return null;
  const changes = data.changes as Record<string, Move>;
  const next: Record<string, Move> = {};
  for (const [field, move] of Object.entries(changes)) {
    next[field] = { from: anonymisedValue(field, move.from), to: anonymisedValue(field, move.to) };
  }
  return JSON.stringify(next) === JSON.stringify(changes) ? null : { ...data, changes: next };
}

export interface AnonymisedCounts {
  cases: number;
  timelineEntries: number;
}

/**
 * The one anonymisation rule, for erasure and retention alike: in the current tenant
 * transaction, empties the resident's name, email, phone and address on each case, keeps its
 * postcode to the outward code, replaces note bodies and the resident values the timeline
 * kept, and marks the case `anonymisedAt`. Reference, status, dates, ward, category and the
 * timeline's shape are kept, so reports add up the same. Running it twice changes nothing more.
 */
@Injectable()
export class ResidentAnonymiser {
  constructor(
    private readonly transaction: TenantTransaction,
    private readonly tenant: TenantContext,
  ) {}

  async anonymise(caseIds: readonly string[]): Promise<AnonymisedCounts> {
    if (caseIds.length === 0) return { cases: 0, timelineEntries: 0 };
    const manager = this.transaction.manager;
    const tenantId = this.tenant.tenantId;
    const rows = (await manager.query(
      `SELECT id, resident_postcode AS postcode FROM cases WHERE tenant_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE`,
      [tenantId, caseIds],
    )) as { id: string; postcode: string | null }[];
    await manager.query(
      `UPDATE cases AS c
          SET resident_name = NULL, resident_email = NULL, resident_phone = NULL, resident_address = NULL,
              resident_postcode = row.postcode, anonymised_at = coalesce(c.anonymised_at, now()), version = c.version + 1
         FROM unnest($2::uuid[], $3::text[]) AS row (id, postcode)
        WHERE c.tenant_id = $1 AND c.id = row.id`,
      [tenantId, rows.map((row) => row.id), rows.map((row) => outwardCode(row.postcode))],
    );

    const entries = (await manager.query(
      `SELECT id, type, data FROM case_events
        WHERE tenant_id = $1 AND case_id = ANY($2::uuid[]) AND type IN ('note_added', 'updated')`,
      [tenantId, caseIds],
    )) as { id: string; type: string; data: Record<string, unknown> }[];
    const rewritten = entries.flatMap((entry) => {
      const data = anonymisedTimelineData(entry.type, entry.data);
      return data ? [{ id: entry.id, data: JSON.stringify(data) }] : [];
    });
    if (rewritten.length > 0) {
      await manager.query(
        `UPDATE case_events AS e SET data = row.data::jsonb
           FROM unnest($2::uuid[], $3::text[]) AS row (id, data)
          WHERE e.tenant_id = $1 AND e.id = row.id`,
        [tenantId, rewritten.map((entry) => entry.id), rewritten.map((entry) => entry.data)],
      );
    }
    return { cases: rows.length, timelineEntries: rewritten.length };
  }
}
