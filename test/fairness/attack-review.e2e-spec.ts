import { request as httpRequest, type ClientRequest } from 'node:http';
import { createHash } from 'node:crypto';
import { TenantContext, TenantTransaction } from '@wardline/tenancy';
import { expectEnvelope, expectFieldError } from '../support/expectations';
import type { KeyedUser } from '../support/fixtures';
import type { ApiResponse } from '../support/http';
import { useApiSuite } from '../support/suite';

const HEAVY_LIMIT = 2;

/** One regression test (or more) per finding of the attack review in issue 7. */
describe('attack review findings (issue 7)', () => {
  const suite = useApiSuite({ RATE_LIMIT_PER_MINUTE: '1000000', HEAVY_WORK_PER_TENANT: String(HEAVY_LIMIT) });
  let admin: KeyedUser;
  let other: KeyedUser;
  const stalled: ClientRequest[] = [];

  beforeAll(async () => {
    [admin, other] = await Promise.all([suite.fixtures.keyedUser(), suite.fixtures.keyedUser()]);
    // Enough rows that an export cannot finish into the socket buffers of a client that stops reading.
    await suite.fixtures.owner.query(
      `INSERT INTO cases (tenant_id, reference, summary, description, status, priority, source_channel, due_at)
       SELECT $1, 'CW-2026-' || lpad(n::text, 5, '0'), 'Case ' || n, repeat('words ', 400), 'open', 'normal', 'api',
              now() + interval '7 days'
       FROM generate_series(1, 3000) AS n`,
      [admin.tenant.id],
    );
  });
  afterAll(() => stalled.forEach((request) => request.destroy()));

  const key = () => ({ key: admin.key });

  /** An export whose client reads its first chunk and then stops reading. */
  const stalledExport = (user: KeyedUser): Promise<number> =>
    new Promise((resolve, reject) => {
      const request = httpRequest(new URL('/api/cases/export?format=csv', suite.app.baseUrl), {
        agent: false,
        headers: { Authorization: `Bearer ${user.key}` },
      });
      stalled.push(request);
      request.on('response', (response) => {
        if (response.statusCode !== 200) response.resume();
        else response.once('data', () => response.pause());
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });

  /** The API's sessions that are in a transaction or running a statement. */
  const busySessions = async () =>
    (await suite.fixtures.owner.query(
      `SELECT state, query FROM pg_stat_activity
       WHERE usename = 'wardline_app' AND datname = current_database() AND state <> 'idle'`,
    )) as { state: string; query: string }[];

  describe('1. shared resources', () => {
    it('a stalled export holds no database connection, heavy work is capped per tenant with 429 + Retry-After', async () => {
      const exports = await Promise.all(Array.from({ length: HEAVY_LIMIT }, () => stalledExport(admin)));
      expect(exports).toEqual(Array(HEAVY_LIMIT).fill(200));
      // Once the clients' socket buffers are full the exports wait, holding no session.
      let busy = await busySessions();
      for (const until = Date.now() + 5000; busy.length > 0 && Date.now() < until; busy = await busySessions()) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(busy).toEqual([]);

      for (const path of ['/api/cases/export', '/api/cases?search=pothole', '/api/wards/export']) {
        const refused = await suite.request('GET', path, key());
        expectEnvelope(refused, 429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect((await suite.request('GET', '/api/cases?pageSize=5', key())).status).toBe(200);
      expect((await suite.request('GET', '/api/cases/export', { key: other.key })).status).toBe(200);

      stalled.splice(0).forEach((request) => request.destroy());
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await suite.request('GET', '/api/cases?search=pothole', key())).status).toBe(200);
    });

    it('a search with too many terms or operators is a 400 naming search', async () => {
      const tooMany = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' or ');
      expectFieldError(
        await suite.request('GET', `/api/cases?search=${encodeURIComponent(tooMany)}`, key()),
        400,
        'search',
      );
      expectFieldError(
        await suite.request('GET', `/api/cases/export?search=${encodeURIComponent(tooMany)}`, key()),
        400,
        'search',
      );
    });

    it('a lock held too long answers 503 with Retry-After, not 500 after a long wait', async () => {
      const ward = await suite.request('POST', '/api/wards', { ...key(), json: { name: `Locked ${Date.now()}` } });
      const runner = suite.fixtures.owner.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query('SELECT 1 FROM wards WHERE id = $1 FOR UPDATE', [ward.body.id]);
        const started = Date.now();
        const response = await suite.request('PATCH', `/api/wards/${ward.body.id}`, { ...key(), json: { name: 'x' } });
        expectEnvelope(response, 503);
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Date.now() - started).toBeLessThan(6000);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
  });

  describe('2. HEAD on an export', () => {
    it('answers with the headers and does no export work (the cases table may even be locked)', async () => {
      const runner = suite.fixtures.owner.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query('LOCK TABLE cases IN ACCESS EXCLUSIVE MODE');
        for (const format of ['csv', 'json']) {
          const response = await fetch(`${suite.app.baseUrl}/api/cases/export?format=${format}`, {
            method: 'HEAD',
            headers: { Authorization: `Bearer ${admin.key}` },
          });
          expect(response.status).toBe(200);
          expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="cases-export-/);
          expect(response.headers.get('content-type')).toMatch(format === 'csv' ? /^text\/csv/ : /^application\/json/);
        }
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
  });

  describe('3. names of the object prototype', () => {
    it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', '-constructor'])(
      'sort=%s is a 400 on every list route',
      async (sort) => {
        for (const path of ['/api/cases', '/api/wards', '/api/categories', '/api/users']) {
          expectFieldError(await suite.request('GET', `${path}?sort=${sort}`, key()), 400, 'sort');
        }
      },
    );

    it.each(['toString', 'valueOf', 'constructor', '__proto__', 'hasOwnProperty'])(
      'a query parameter or body field named %s is refused like any unknown field',
      async (name) => {
        expectEnvelope(await suite.request('GET', `/api/wards?${name}=1`, key()), 400);
        const body = `{"name":"Ward ${name} ${Date.now()}","${name}":"x"}`;
        expectEnvelope(await suite.request('POST', '/api/wards', { ...key(), rawBody: body }), 400);
      },
    );
  });

  describe('4. a bounded timeline', () => {
    it('embeds the latest 50 entries, pages all of them, and caps notes per case per key per minute', async () => {
      const created = await suite.request('POST', '/api/cases', { ...key(), json: { summary: 'Busy case' } });
      await suite.fixtures.owner.query(
        `INSERT INTO case_events (tenant_id, case_id, type, actor_type, actor_name, data)
         SELECT $1, $2, 'note_added', 'system', 'seed', jsonb_build_object('body', 'note ' || n, 'internal', true)
         FROM generate_series(1, 60) AS n`,
        [admin.tenant.id, created.body.id],
      );
      const read = await suite.request('GET', `/api/cases/${created.body.id}`, key());
      expect(read.body.timeline).toHaveLength(50);
      expect(read.body.timelineTruncated).toBe(true);
      expect(read.body.timeline.at(-1).data.body).toBe('note 60');

      const all: { id: string; type: string }[] = [];
      let cursor: string | null = '';
      type TimelinePage = { timeline: { id: string; type: string }[]; pagination: { nextCursor: string | null } };
      while (cursor !== null) {
        const page: ApiResponse<TimelinePage> = await suite.request<TimelinePage>(
          'GET',
          `/api/cases/${created.body.id}/timeline?pageSize=25${cursor ? `&cursor=${cursor}` : ''}`,
          key(),
        );
        expect(page.status).toBe(200);
        all.push(...page.body.timeline);
        cursor = page.body.pagination.nextCursor;
      }
      expect(all).toHaveLength(61);
      expect(all[0].type).toBe('created');
      expect(new Set(all.map((entry) => entry.id)).size).toBe(61);
      expectEnvelope(await suite.request('GET', `/api/cases/${created.body.id}/timeline`, { key: other.key }), 404);

      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        const note = await suite.request('POST', `/api/cases/${created.body.id}/notes`, {
          ...key(),
          json: { body: `n${i}` },
        });
        statuses.push(note.status);
        if (note.status === 201) expect(note.body.timeline.length).toBeLessThanOrEqual(50);
        else {
          expectEnvelope(note, 429);
          expect(Number(note.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
      expect(statuses.slice(0, 30)).toEqual(Array(30).fill(201));
      expect(statuses[30]).toBe(429);
    });
  });

  describe('5. concurrent writes', () => {
    it('opposite parent moves never answer 500 and never make a loop', async () => {
      for (let round = 0; round < 10; round++) {
        const [x, y] = await Promise.all(
          ['X', 'Y'].map((name) =>
            suite.request('POST', '/api/categories', { ...key(), json: { name: `${name} ${round} ${Date.now()}` } }),
          ),
        );
        const [toY, toX] = await Promise.all([
          suite.request('PATCH', `/api/categories/${x.body.id}`, { ...key(), json: { parentId: y.body.id } }),
          suite.request('PATCH', `/api/categories/${y.body.id}`, { ...key(), json: { parentId: x.body.id } }),
        ]);
        expect([toY.status, toX.status].toSorted()).toEqual([200, 422]);
      }
    });

    it('a deadlock or serialisation failure reruns the whole tenant transaction, a bounded number of times', async () => {
      const tenant = suite.app.app.get(TenantContext);
      const transaction = suite.app.app.get(TenantTransaction);
      const failWith = (code: string) =>
        transaction.manager.query(`DO $$ BEGIN RAISE EXCEPTION 'staged' USING ERRCODE = '${code}'; END $$`);

      let attempts = 0;
      const result = await tenant.run(admin.tenant.id, () =>
        transaction.run(async () => {
          attempts += 1;
          if (attempts === 1) await failWith('40P01');
          if (attempts === 2) await failWith('40001');
          return 'committed';
        }),
      );
      expect({ result, attempts }).toEqual({ result: 'committed', attempts: 3 });

      attempts = 0;
      await expect(
        tenant.run(admin.tenant.id, () =>
          transaction.run(async () => {
            attempts += 1;
            await failWith('40P01');
          }),
        ),
      ).rejects.toMatchObject({ driverError: { code: '40P01' } });
      expect(attempts).toBe(3);
    });
  });

  describe('6. deeply nested JSON', () => {
    it.each([33, 5000])('a body nested %i deep is a 400 before validation', async (depth) => {
      const rawBody = `{"name":"deep","tags":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const response = await suite.request('POST', '/api/cases', { ...key(), rawBody });
      expectEnvelope(response, 400);
      expect(response.text).not.toMatch(/stack|Maximum call/i);
    });
  });

  describe('9. cursors', () => {
    it('a cursor minted with the old unkeyed hash is refused', async () => {
      const page = await suite.request('GET', '/api/cases?pageSize=1&sort=createdAt', key());
      const [body] = (page.body.pagination.nextCursor as string).split('.');
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown[];
      const forgedBody = Buffer.from(JSON.stringify([payload[0], '1970-01-01T00:00:00.000Z', payload[2]])).toString(
        'base64url',
      );
      const tag = createHash('sha256').update(`wardline-cursor:${forgedBody}`).digest('base64url').slice(0, 16);
      expectFieldError(
        await suite.request('GET', `/api/cases?pageSize=1&sort=createdAt&cursor=${forgedBody}.${tag}`, key()),
        400,
        'cursor',
      );
    });
  });

  describe('12. smaller contract deviations', () => {
    it('null for status or priority is a 400, not a 422', async () => {
      const created = await suite.request('POST', '/api/cases', { ...key(), json: { summary: 'Nulls' } });
      for (const field of ['status', 'priority']) {
        expectFieldError(
          await suite.request('PATCH', `/api/cases/${created.body.id}`, { ...key(), json: { [field]: null } }),
          400,
          field,
        );
      }
    });

    it('a JSON body under another media type is a 415 with the contract message', async () => {
      const response = await suite.request('POST', '/api/wards', {
        ...key(),
        json: { name: 'vnd' },
        headers: { 'Content-Type': 'application/vnd.api+json' },
      });
      expectEnvelope(response, 415);
      expect(response.body.error).toBe('Content-Type must be application/json');
    });

    it.each(['2030-01-15', '2030-01-15T10:00:00', '2030-015', '2030-W03-2', '2030-W03-2T10:00:00Z'])(
      'dueAt %s is a 400: RFC 3339 date-times only',
      async (dueAt) => {
        expectFieldError(
          await suite.request('POST', '/api/cases', { ...key(), json: { summary: 'Due', dueAt } }),
          400,
          'dueAt',
        );
      },
    );

    it('an RFC 3339 dueAt with an offset is taken', async () => {
      const response = await suite.request('POST', '/api/cases', {
        ...key(),
        json: { summary: 'Due', dueAt: '2030-01-15T10:00:00+01:00' },
      });
      expect(response.status).toBe(201);
      expect(response.body.dueAt).toBe('2030-01-15T09:00:00.000Z');
    });
  });
});
