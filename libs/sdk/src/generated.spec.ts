import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const COMMITTED = join(__dirname, 'generated', 'wardline-api.ts');

describe('the generated SDK types', () => {
  it('are exactly what openapi-typescript makes from openapi.json now (run `npm run sdk:generate` after changing it)', () => {
    const directory = mkdtempSync(join(tmpdir(), 'wardline-sdk-'));
    try {
      const output = join(directory, 'wardline-api.ts');
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), 'openapi.json', '-o', output],
        { cwd: ROOT, stdio: 'pipe' },
      );
      expect(readFileSync(COMMITTED, 'utf8')).toBe(readFileSync(output, 'utf8'));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
