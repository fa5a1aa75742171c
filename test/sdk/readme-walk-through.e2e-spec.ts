import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkThrough } from '../../libs/sdk/examples/walk-through';
import { useApiSuite } from '../support/suite';

const ROOT = join(__dirname, '..', '..');

describe("the README's SDK walk-through", () => {
  const suite = useApiSuite();

  it('is the example file, word for word (which `npm run typecheck` compiles)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = readFileSync(join(ROOT, 'libs', 'sdk', 'examples', 'walk-through.ts'), 'utf8');
    const section = readme.slice(readme.indexOf('## Typed client (SDK)'));
    expect(section).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('runs against the API as given: lists, creates, then updates with If-Match', async () => {
    const { key } = await suite.fixtures.keyedUser('council', 'caseworker');
    const printed: unknown[][] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((...line: unknown[]) => void printed.push(line));
    try {
      const updated = await walkThrough(suite.app.baseUrl, key);
      expect(updated).toMatchObject({ summary: 'Pothole outside 14 Mill Lane', status: 'in_progress', version: 2 });
      expect(printed).toEqual([[updated.reference, 'in_progress', 2]]);
      // A second run lists the first run's case (still in progress, so not open) and no other.
      const again = await walkThrough(suite.app.baseUrl, key);
      expect(again.reference).not.toBe(updated.reference);
    } finally {
      log.mockRestore();
    }
  });
});
