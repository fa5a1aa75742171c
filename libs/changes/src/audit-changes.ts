import { outwardCode } from '@wardline/common';

/** Fields whose values identify a resident or hold their words: never kept in the audit log. */
const REDACTED_FIELDS: ReadonlySet<string> = new Set([
  'residentName',
  'residentEmail',
  'residentPhone',
  'residentAddress',
  'body',
]);
export const REDACTED = '[redacted]';

/** Bookkeeping every update moves: not what anyone changed. */
const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(['updatedAt', 'version']);

export type Snapshot = Record<string, unknown>;

export interface AuditChanges {
  before: Snapshot | null;
  after: Snapshot | null;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const redacted = (field: string, value: unknown): unknown => {
  if (value === null || value === undefined) return value;
  // The outward code names no household and is what ward statistics need, as after anonymisation.
  if (field === 'residentPostcode') return outwardCode(String(value));
  return REDACTED_FIELDS.has(field) ? REDACTED : value;
};

const redact = (snapshot: Snapshot): Snapshot =>
  Object.fromEntries(Object.entries(snapshot).map(([field, value]) => [field, redacted(field, value)]));

/**
 * What an audit entry keeps of a change: for an update only the fields that changed, for a
 * create or delete the whole snapshot; resident contact details and note bodies redacted, the
 * postcode kept to its outward code.
 */
export function auditChanges(
  beforeObject: object | null | undefined,
  afterObject: object | null | undefined,
): AuditChanges {
  const before = beforeObject as Snapshot | null | undefined;
  const after = afterObject as Snapshot | null | undefined;
  if (before && after) {
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (field) => !BOOKKEEPING_FIELDS.has(field) && !same(before[field], after[field]),
    );
    const pick = (snapshot: Snapshot) => Object.fromEntries(fields.map((field) => [field, snapshot[field] ?? null]));
    return { before: redact(pick(before)), after: redact(pick(after)) };
  }
  return { before: before ? redact(before) : null, after: after ? redact(after) : null };
}
