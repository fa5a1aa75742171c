import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@wardline/common';
import type { DatabaseEndpoint } from '@wardline/database';

const SECRET_FILE = 'cursor-secret';

/**
 * The secret list cursors are signed with: `CURSOR_SECRET`; for the embedded database one
 * made on first start and kept in the data dir; otherwise a fresh one per process (cursors
 * then do not survive a restart or cross instances: set `CURSOR_SECRET` to share one).
 */
export async function cursorSecretFor(config: AppConfig, endpoint: DatabaseEndpoint): Promise<string> {
  if (config.cursorSecret) return config.cursorSecret;
  if (!endpoint.embedded) return randomBytes(32).toString('base64url');
  const root = resolve(config.dataDir);
  const file = join(root, SECRET_FILE);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(root, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}
