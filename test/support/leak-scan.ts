import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { MIN_SENSITIVE_LENGTH, REGISTRY_FILE_PREFIX, type SensitiveValue } from './leak-registry';
import { LOG_FILE_PREFIX } from './run-log';

export interface Leak extends SensitiveValue {
  /** `log-<pid>.jsonl:<line>` or `audit_logs <id> (<action>)`. */
  where: string;
}

export interface ScanReport {
  values: number;
  logLines: number;
  auditRows: number;
  leaks: Leak[];
}

/**
 * Finds many values in many lines at once: values are indexed by their first characters, so a
 * line is read once whatever the number of values. Letter case is ignored (an email is an email
 * in any case); a phone number is also looked for as its bare digits.
 */
export class LeakMatcher {
  private readonly byAnchor = new Map<string, (SensitiveValue & { needle: string })[]>();
  readonly size: number;

  constructor(values: SensitiveValue[]) {
    const unique = new Map<string, SensitiveValue>();
    for (const value of values) {
      for (const form of formsOf(value)) unique.set(`${value.kind}\n${form.toLowerCase()}`, { ...value, value: form });
    }
    for (const value of unique.values()) {
      const needle = value.value.toLowerCase();
      const anchor = needle.slice(0, MIN_SENSITIVE_LENGTH);
      this.byAnchor.set(anchor, [...(this.byAnchor.get(anchor) ?? []), { ...value, needle }]);
    }
    this.size = unique.size;
  }

  /** The values found in `text` (each once). */
  find(text: string): SensitiveValue[] {
    if (this.byAnchor.size === 0) return [];
    const haystack = text.toLowerCase();
    const found = new Map<string, SensitiveValue>();
    for (let at = 0; at + MIN_SENSITIVE_LENGTH <= haystack.length; at++) {
      const candidates = this.byAnchor.get(haystack.slice(at, at + MIN_SENSITIVE_LENGTH));
      if (!candidates) continue;
      for (const candidate of candidates) {
        if (haystack.startsWith(candidate.needle, at) && standsAlone(haystack, at, candidate.needle)) {
          found.set(`${candidate.kind}\n${candidate.needle}`, { kind: candidate.kind, value: candidate.value });
        }
      }
    }
    return [...found.values()];
  }
}

/** A phone number as written, and as its digits when it has separators (a log may hold either). */
function formsOf(value: SensitiveValue): string[] {
  const forms = [value.value];
  if (value.kind === 'resident phone') {
    const digits = value.value.replace(/\D/g, '');
    if (digits !== value.value && digits.length >= 9) forms.push(digits);
  }
  if (value.kind === 'resident postcode') forms.push(value.value.replace(/\s+/g, ''));
  return forms.filter((form) => form.length >= MIN_SENSITIVE_LENGTH);
}

/** Bare digits count only as a whole number, not inside a longer one (a timestamp). */
function standsAlone(haystack: string, at: number, needle: string): boolean {
  if (!/^\d+$/.test(needle)) return true;
  const digit = /\d/;
  return !digit.test(haystack[at - 1] ?? '') && !digit.test(haystack[at + needle.length] ?? '');
}

/** Every value the run's test processes registered. */
export async function registeredValues(runDir: string): Promise<SensitiveValue[]> {
  const files = (await readdir(runDir)).filter((name) => name.startsWith(REGISTRY_FILE_PREFIX));
  const values: SensitiveValue[] = [];
  for (const file of files) {
    for (const line of (await readFile(join(runDir, file), 'utf8')).split('\n')) {
      if (line) values.push(JSON.parse(line) as SensitiveValue);
    }
  }
  return values;
}

/** Scans every log file of the run, line by line. */
export async function scanLogs(runDir: string, matcher: LeakMatcher): Promise<{ lines: number; leaks: Leak[] }> {
  const files = (await readdir(runDir)).filter((name) => name.startsWith(LOG_FILE_PREFIX)).toSorted();
  const leaks: Leak[] = [];
  let lines = 0;
  for (const file of files) {
    let number = 0;
    for await (const line of createInterface({ input: createReadStream(join(runDir, file)), crlfDelay: Infinity })) {
      number++;
      for (const value of matcher.find(line)) leaks.push({ ...value, where: `${file}:${number}` });
    }
    lines += number;
  }
  return { lines, leaks };
}

/** Scans every row of the audit log (all its columns, as JSON), a page at a time. */
export async function scanAuditLog(
  databaseUrl: string,
  matcher: LeakMatcher,
): Promise<{ rows: number; leaks: Leak[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const leaks: Leak[] = [];
  let rows = 0;
  try {
    const PAGE = 5000;
    for (let offset = 0; ; offset += PAGE) {
      const page = await client.query<{ id: string; action: string; text: string }>(
        `SELECT id, action, row_to_json(audit_logs)::text AS text FROM audit_logs ORDER BY id LIMIT $1 OFFSET $2`,
        [PAGE, offset],
      );
      for (const row of page.rows) {
        for (const value of matcher.find(row.text))
          leaks.push({ ...value, where: `audit_logs ${row.id} (${row.action})` });
      }
      rows += page.rows.length;
      if (page.rows.length < PAGE) break;
    }
  } finally {
    await client.end();
  }
  return { rows, leaks };
}

/** The whole scan of a run: its logs and its database's audit log, for every value it registered. */
export async function scanRun(runDir: string, databaseUrl: string): Promise<ScanReport> {
  const matcher = new LeakMatcher(await registeredValues(runDir));
  const [logs, audit] = await Promise.all([scanLogs(runDir, matcher), scanAuditLog(databaseUrl, matcher)]);
  return { values: matcher.size, logLines: logs.lines, auditRows: audit.rows, leaks: [...logs.leaks, ...audit.leaks] };
}

/** The failure message: what leaked where, a few places per value. */
export function describeLeaks(leaks: Leak[], perValue = 5): string {
  const byValue = new Map<string, Leak[]>();
  for (const leak of leaks) {
    const id = `${leak.kind}: ${leak.value}`;
    byValue.set(id, [...(byValue.get(id) ?? []), leak]);
  }
  return [...byValue.entries()]
    .map(([id, found]) => {
      const places = found.slice(0, perValue).map((leak) => leak.where);
      const more = found.length > perValue ? ` and ${found.length - perValue} more` : '';
      return `  ${id}\n    in ${places.join(', ')}${more}`;
    })
    .join('\n');
}
