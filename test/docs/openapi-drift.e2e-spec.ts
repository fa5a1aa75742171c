import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useApiSuite } from '../support/suite';

/** The committed description integrators generate clients from; `npm run openapi:write` refreshes it. */
const COMMITTED = join(__dirname, '..', '..', 'openapi.json');
const serialise = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

describe('openapi.json in the repository', () => {
  const suite = useApiSuite();

  it('is exactly the document the API serves at /openapi.json (run `npm run openapi:write` after changing the API)', async () => {
    const served = await suite.request('GET', '/openapi.json');
    expect(served.status).toBe(200);
    if (process.env.WRITE_OPENAPI === '1') writeFileSync(COMMITTED, serialise(served.body));
    expect(readFileSync(COMMITTED, 'utf8')).toBe(serialise(served.body));
  });
});
