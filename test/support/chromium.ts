import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's `chromium` package (or `CHROMIUM_PATH`); `null` when there is none on this machine. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

/** Flags for a headless run in CI and containers that reaches nothing outside the test. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where browser tests leave their screenshots (kept out of git, collected by CI). */
export function artefactDir(name: string): string {
  const dir = join(__dirname, '..', '..', 'test-artifacts', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
