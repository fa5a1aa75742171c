import { csvCopyValueSql, csvField, type CsvSql } from '@wardline/common';
import { copyCsvOut } from '@wardline/database';
import { Client } from 'pg';

/** Values that exercise every rule of `csvField`: quoting, neutralisation, null, empty, unicode. */
const TRICKY: (string | null)[] = [
  'plain',
  '',
  ' ',
  null,
  'comma, inside',
  'a "quoted" word',
  '"',
  '""',
  'line one\nline two',
  'crlf\r\nline',
  'lone\rcarriage return',
  '=1+1',
  '+44 20 7946 0000',
  '-2+3',
  '@SUM(A1)',
  '\tleading tab',
  '\rleading carriage return',
  '=HYPERLINK("https://x.example/?a=1,b=2")',
  '=',
  "'already quoted",
  ' =space first',
  'a=b',
  'trailing comma,',
  'back\\slash \\. and \\N',
  '\\.',
  '$1 and $$ dollars',
  'Église — naïve café, 東京 😀',
  '\u00a0non-breaking first',
  '＝full-width equals',
];

/**
 * What COPY writes for `values`, one per row, each through `csvCopyValueSql` as `type`, then a
 * second column `end` (an export has many columns: COPY quotes a lone `\.` only in a
 * single-column row).
 */
async function copied(client: Client, values: (string | null)[], type: CsvSql['type']): Promise<string> {
  let parameter = 0;
  const rows = values.map((value, index) => `(${index}, ${value === null ? 'NULL' : `$${++parameter}`}::text)`);
  const sql = `SELECT ${csvCopyValueSql('v.value', type)}, 'end' FROM (VALUES ${rows.join(', ')}) v(n, value) ORDER BY v.n`;
  const parameters = values.filter((value) => value !== null);
  return Buffer.concat(await copyCsvOut(client, sql, parameters)).toString('utf8');
}

/** The lines `csvField` makes of `values`, each followed by the `end` column. */
const encoded = (values: (string | number | boolean | null)[]) =>
  values.map((value) => `${csvField(value)},end\n`).join('');

/** Timers that keep this process alive. */
const activeTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('CSV written by PostgreSQL (COPY … FORMAT csv) is csvField’s, byte for byte', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });
  afterAll(() => client.end());

  it('for text: quotes, commas, line breaks, formula triggers, null, empty and unicode', async () => {
    expect(await copied(client, TRICKY, 'string')).toBe(encoded(TRICKY));
  });

  it('each tricky value on its own, so one cannot hide another', async () => {
    const mismatches: unknown[] = [];
    for (const value of TRICKY) {
      const got = await copied(client, [value], 'string');
      if (got !== encoded([value])) mismatches.push({ value, got, expected: encoded([value]) });
    }
    expect(mismatches).toEqual([]);
  });

  it('for numbers and booleans: their text, never neutralised', async () => {
    const numbers = [-5, 0, 12, 1.5];
    expect(await copied(client, numbers.map(String), 'number')).toBe(encoded(numbers));
    expect(await copied(client, ['true', 'false', null], 'boolean')).toBe(encoded([true, false, null]));
  });

  it('a record of several columns is csvField’s fields joined by commas', async () => {
    const record = ['=x', '', null, 'a,"b"\nc'];
    const sql =
      `SELECT ${record.map((_, index) => csvCopyValueSql(`v.c${index}`, 'string')).join(', ')} ` +
      `FROM (VALUES ($1::text, $2::text, NULL::text, $3::text)) v(c0, c1, c2, c3)`;
    const got = Buffer.concat(await copyCsvOut(client, sql, ['=x', '', 'a,"b"\nc'])).toString('utf8');
    expect(got).toBe(`${record.map(csvField).join(',')}\n`);
  });

  it('parameters are written in as literals that mean what the bound values did', async () => {
    const sql = `SELECT v.value, 'end' FROM (VALUES ($1::text), ($2::text), ($3::text)) v(value)`;
    const values = ["O'Brien \\ $1", "it''s", "E'x'\n"];
    const got = Buffer.concat(await copyCsvOut(client, sql, values)).toString('utf8');
    expect(got).toBe(encoded(values));
    await expect(copyCsvOut(client, 'SELECT $1::text', [null])).rejects.toThrow(/cannot be inlined/);
    await expect(copyCsvOut(client, 'SELECT $$x$$', [])).rejects.toThrow(/no \$ other than/);
  });

  it('leaves no client-side read timeout armed after the COPY (it kept the process alive and fired on the finished stream)', async () => {
    const timed = new Client({ connectionString: process.env.DATABASE_URL, query_timeout: 60_000 });
    await timed.connect();
    try {
      const before = activeTimers();
      expect(Buffer.concat(await copyCsvOut(timed, 'SELECT 1', [])).toString('utf8')).toBe('1\n');
      expect(activeTimers()).toBe(before);
    } finally {
      await timed.end();
    }
  });
});
