import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** What a running API tells other processes using the same data dir: never a password or URL. */
export interface ApiProcessRecord {
  pid: number;
  embeddedDatabase: boolean;
}

const RECORD_FILE = 'api-process.json';

/** True while `pid` runs (EPERM: it runs as another user). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Notes in the data dir that this API process runs, and on which kind of database, so the
 * operator CLI does not start a second embedded cluster beside an API on `DATABASE_URL`.
 * Returns the function that removes the note at shutdown. Never fails the start.
 */
export async function recordApiProcess(dataDir: string, embeddedDatabase: boolean): Promise<() => Promise<void>> {
  const root = resolve(dataDir);
  const file = join(root, RECORD_FILE);
  const record: ApiProcessRecord = { pid: process.pid, embeddedDatabase };
  try {
    await mkdir(root, { recursive: true });
    await writeFile(file, `${JSON.stringify(record)}\n`, { mode: 0o644 });
  } catch {
    // A data dir this process cannot write (the container image, on DATABASE_URL) goes without
    // the note: no CLI could start an embedded cluster there either.
    return async () => undefined;
  }
  return async () => {
    // Another API started later on the same data dir owns the file now.
    if ((await runningApiProcess(dataDir))?.pid === process.pid) await rm(file, { force: true });
  };
}

/** The API running on this data dir, if its note is there and its process alive (a stale note is ignored). */
export async function runningApiProcess(dataDir: string): Promise<ApiProcessRecord | undefined> {
  let record: Partial<ApiProcessRecord>;
  try {
    record = JSON.parse(await readFile(join(resolve(dataDir), RECORD_FILE), 'utf8')) as Partial<ApiProcessRecord>;
  } catch {
    return undefined;
  }
  if (typeof record.pid !== 'number' || !isProcessAlive(record.pid)) return undefined;
  return { pid: record.pid, embeddedDatabase: record.embeddedDatabase !== false };
}
