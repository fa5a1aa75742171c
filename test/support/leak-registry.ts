import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The values a test run must never find in a log line or the audit log: every resident contact
 * value and API key the tests create, send or are sent. Each test process appends what it sees to
 * its own file in the run's directory (`WARDLINE_TEST_RUN_DIR`, made by the global setup); the
 * global teardown scans the run's logs and audit table for all of them (test/support/leak-scan.ts).
 */
export const SENSITIVE_KINDS = [
  'resident name',
  'resident email',
  'resident phone',
  'resident address',
  'resident postcode',
  'api key',
] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

export interface SensitiveValue {
  kind: SensitiveKind;
  value: string;
}

export const RUN_DIR_VARIABLE = 'WARDLINE_TEST_RUN_DIR';
export const REGISTRY_FILE_PREFIX = 'values-';

/** Shorter values (an outward postcode, a placeholder) say nothing of a person and match by chance. */
export const MIN_SENSITIVE_LENGTH = 6;

const RESIDENT_FIELDS: Record<string, SensitiveKind> = {
  residentName: 'resident name',
  residentEmail: 'resident email',
  residentPhone: 'resident phone',
  residentAddress: 'resident address',
  residentPostcode: 'resident postcode',
};
/** What the subject access and erasure routes name a resident by. */
const MATCHER_FIELDS: Record<string, SensitiveKind> = {
  email: 'resident email',
  phone: 'resident phone',
  name: 'resident name',
  postcode: 'resident postcode',
};
/** What anonymisation and redaction write in place of a value: not a person's detail. */
const PLACEHOLDERS = new Set(['[redacted]', '[anonymised]']);
const KEY_SHAPED = /wl_[0-9A-Za-z]{38}/g;

const runDir = () => process.env[RUN_DIR_VARIABLE];
const seen = new Set<string>();

/** Records one value for the run's scan (once per process); a no-op outside a test run. */
export function registerSensitive(kind: SensitiveKind, value: unknown): void {
  const dir = runDir();
  if (!dir || typeof value !== 'string') return;
  const text = value.trim();
  if (text.length < MIN_SENSITIVE_LENGTH || PLACEHOLDERS.has(text) || seen.has(`${kind}\n${text}`)) return;
  seen.add(`${kind}\n${text}`);
  appendFileSync(
    join(dir, `${REGISTRY_FILE_PREFIX}${process.pid}.jsonl`),
    `${JSON.stringify({ kind, value: text })}\n`,
  );
}

/** Every `resident*` field anywhere in a request or response body (cases, lists, exports, webhooks). */
export function registerResidentFields(body: unknown, depth = 0): void {
  if (!body || typeof body !== 'object' || depth > 8) return;
  if (Array.isArray(body)) {
    for (const item of body) registerResidentFields(item, depth + 1);
    return;
  }
  for (const [field, value] of Object.entries(body)) {
    const kind = RESIDENT_FIELDS[field];
    if (kind) registerSensitive(kind, value);
    else registerResidentFields(value, depth + 1);
  }
}

/** The matchers of a subject access or erasure request (query string or body). */
export function registerResidentMatchers(fields: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(fields)) {
    const kind = MATCHER_FIELDS[field];
    if (kind) registerSensitive(kind, value);
  }
}

/** Every full API key in a text: a response, a CLI's output, a form. */
export function registerKeysIn(text: string | undefined): void {
  for (const key of text?.match(KEY_SHAPED) ?? []) registerSensitive('api key', key);
}
