/**
 * The bench's floor for a case list: bare Fastify and `pg`, no framework, running the exact
 * statement the API sent for a cursor-mode `GET /api/cases` (recorded by the bench, in
 * `BENCH_SQL_FILE`: text and values) as the application role. The tenant is a setting of each
 * connection, sent when it opens (this app serves one tenant), so each request is one round trip: what the API's
 * list costs with nothing around the query. `PORT` to listen on; prints `ready` when listening.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { Pool } from 'pg';

interface Statement {
  text: string;
  values: unknown[];
  tenantId: string;
  appUrl: string;
}

async function main(): Promise<void> {
  const statement = JSON.parse(readFileSync(process.env.BENCH_SQL_FILE as string, 'utf8')) as Statement;
  // The API's pool size, so both wait on PostgreSQL alike; the tenant is a connection setting.
  const pool = new Pool({
    connectionString: statement.appUrl,
    max: 10,
    options: `-c app.tenant_id=${statement.tenantId}`,
  });
  const app = Fastify({ logger: false });
  app.get('/cases', async () => {
    const { rows } = await pool.query({ text: statement.text, values: statement.values });
    return { cases: rows };
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.stdout.write('ready\n');
}

void main();
