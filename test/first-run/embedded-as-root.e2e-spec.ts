import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startEmbeddedPostgres } from '@wardline/database';
import { Client } from 'pg';

const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('embedded PostgreSQL started by root from a 0700 folder', () => {
  it('runs with its data where the postgres user can reach it, and says where', async () => {
    const checkout = await mkdtemp(join(tmpdir(), 'wardline-first-run-'));
    expect((await stat(checkout)).mode & 0o777).toBe(0o700);
    const database = await startEmbeddedPostgres(join(checkout, '.data'), { persistent: false });
    try {
      expect(database.relocatedTo).toMatch(/^\/var\/lib\/wardline\/data\/[0-9a-f]{16}\/postgres$/);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      const [row] = (await client.query('SELECT current_database() AS name')).rows as { name: string }[];
      await client.end();
      expect(row.name).toBe('wardline');
    } finally {
      await database.stop();
      await rm(checkout, { recursive: true, force: true });
      if (database.relocatedTo) await rm(dirname(database.relocatedTo), { recursive: true, force: true });
    }
  }, 60_000);
});
