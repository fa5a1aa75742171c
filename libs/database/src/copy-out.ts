import type { ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

type Literal = string | number | boolean;
const isLiteral = (value: unknown): value is Literal =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/**
 * `query` with its bind parameters (`$1`, `$2`, …, as TypeORM's `getQueryAndParameters` gives
 * them) written in as quoted literals, escaped by `pg`: COPY takes no parameters. A quoted
 * literal is typed from its context as an untyped parameter is, so the query means the same.
 * Only strings, finite numbers and booleans are taken.
 */
export function inlineParameters(client: ClientBase, query: string, parameters: readonly unknown[]): string {
  if (/\$(?!\d)/.test(query)) throw new Error('A query to inline must use no $ other than its parameters');
  return query.replace(/\$(\d+)/g, (_match, digits: string) => {
    const value = parameters[Number(digits) - 1];
    if (!isLiteral(value)) throw new Error(`Parameter $${digits} cannot be inlined: ${typeof value}`);
    return client.escapeLiteral(String(value));
  });
}

/**
 * The bytes of `COPY (query) TO STDOUT (FORMAT csv)` on `client` (its parameters inlined), read
 * whole, in the chunks they came in (not copied again into one buffer): a caller bounds
 * `query`'s rows, and writes them out after releasing the connection.
 */
export async function copyCsvOut(client: ClientBase, query: string, parameters: readonly unknown[]): Promise<Buffer[]> {
  const copy = client.query(copyTo(`COPY (${inlineParameters(client, query, parameters)}) TO STDOUT (FORMAT csv)`));
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of copy) chunks.push(chunk as Buffer);
  } finally {
    // `pg` arms its client-side `query_timeout` for every query and disarms it only through the
    // query's callback, which a COPY stream never calls: left armed, it fires after the COPY has
    // ended, reports a read timeout on the finished stream and keeps the process alive meanwhile.
    (copy as unknown as { callback?: () => void }).callback?.();
  }
  return chunks;
}
