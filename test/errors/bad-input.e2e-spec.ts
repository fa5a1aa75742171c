import { SCOPES } from '@wardline/auth';
import { Fixtures, type KeyedUser } from '../support/fixtures';
import { type ApiResponse, type HttpClient, type RequestOptions } from '../support/http';

import { taggedCursor } from '../support/cursors';
import { expectEnvelope } from '../support/expectations';
import { underPrepareLock } from '../support/database';
import { useApiSuite } from '../support/suite';
import { UUID } from '../support/values';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ONE_MIB = 1024 * 1024;

/** Nothing in the body looks like a stack trace, an exception class or SQL. */
function expectNoLeak(response: ApiResponse): void {
  expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(response.text).not.toMatch(/stack|QueryFailedError|TypeORM|node_modules/i);
  expect(response.text).not.toMatch(/\b(SELECT|INSERT|UPDATE)\b.+\b(FROM|INTO|SET)\b/i);
  expect(response.text).not.toMatch(/relation "|violates|constraint|byte sequence|0x00/i);
}

/** A 500 is the bare envelope: no stack, SQL or driver text. */
const expectBare500 = (response: ApiResponse) => {
  expect({ status: response.status, body: response.body }).toEqual({
    status: 500,
    body: { error: 'Internal server error' },
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expectNoLeak(response);
};

const corsHeaders = (response: ApiResponse) =>
  [...response.headers.keys()].filter((name) => name.toLowerCase().startsWith('access-control-'));

describe('Errors, request ids, CORS, OpenAPI and health (contract §1)', () => {
  const suite = useApiSuite({ RATE_LIMIT_PER_MINUTE: '1000000' });
  let fixtures: Fixtures;
  let request: HttpClient;
  let admin: KeyedUser;

  beforeAll(async () => {
    ({ fixtures, request } = suite);
    admin = await fixtures.keyedUser('council', 'admin');
  });

  const withKey = (options: RequestOptions = {}): RequestOptions => ({ ...options, key: admin.key });

  describe('the error envelope', () => {
    it('malformed JSON answers 400', async () => {
      for (const rawBody of ['{bad', '{"name": "x",}', "{'name': 'x'}", '{"name": "x"']) {
        const response = await request('POST', '/api/wards', withKey({ rawBody }));
        expectEnvelope(response, 400);
        expectNoLeak(response);
      }
    });

    it('an empty JSON body answers 400', async () => {
      expectEnvelope(await request('POST', '/api/categories', withKey({ rawBody: '' })), 400);
    });

    it('a JSON body that is not an object answers 400', async () => {
      for (const rawBody of ['[1, 2]', '"just a string"', '42', 'null']) {
        expectEnvelope(await request('POST', '/api/wards', withKey({ rawBody })), 400);
      }
    });

    it('a body over 1 MiB answers 413', async () => {
      const rawBody = JSON.stringify({ name: 'x', boundaryDescription: 'y'.repeat(ONE_MIB) });
      expect(Buffer.byteLength(rawBody)).toBeGreaterThan(ONE_MIB);
      const response = await request('POST', '/api/wards', withKey({ rawBody }));
      expectEnvelope(response, 413);
    });

    it('a body just under 1 MiB is not refused for its size', async () => {
      const rawBody = JSON.stringify({ name: 'Big but fine', colour: 'y'.repeat(ONE_MIB - 100) });
      expect(Buffer.byteLength(rawBody)).toBeLessThan(ONE_MIB);
      const response = await request('POST', '/api/wards', withKey({ rawBody }));
      // Refused for the unknown field, not for its size.
      expectEnvelope(response, 400);
    });

    it.each([
      ['GET', '/api/nope'],
      ['GET', '/nope'],
      ['POST', '/api/nope'],
      ['GET', '/api/wards/some/deeper/path'],
      ['GET', '/'],
    ])('an unknown route (%s %s) answers 404, with and without a key', async (method, path) => {
      const anonymous = await request(method, path);
      expectEnvelope(anonymous, 404);
      const keyed = await request(method, path, withKey());
      expectEnvelope(keyed, 404);
    });

    it.each([
      ['DELETE', '/api/wards'],
      ['PUT', '/api/wards/00000000-0000-4000-8000-000000000000'],
      ['DELETE', '/api/categories/00000000-0000-4000-8000-000000000000'],
      ['POST', '/api/me'],
      ['PATCH', '/api/wards'],
      ['POST', '/health/live'],
    ])('a wrong method on a known path (%s %s) answers 404 like an unknown route', async (method, path) => {
      expectEnvelope(await request(method, path, withKey()), 404);
      expectEnvelope(await request(method, path), 404);
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x'])(
      'a write with Content-Type %s (not JSON) answers 415 and creates nothing',
      async (contentType) => {
        const name = `Not JSON ${contentType.replace(/\W+/g, ' ')}`;
        const response = await request(
          'POST',
          '/api/wards',
          withKey({ headers: { 'Content-Type': contentType }, rawBody: `name=${encodeURIComponent(name)}` }),
        );
        expectEnvelope(response, 415);
        const listed = await request('GET', '/api/wards?pageSize=100', withKey());
        expect(listed.body.wards.map((ward: { name: string }) => ward.name)).not.toContain(name);
      },
    );

    it('401 and 404 for a missing key and an unknown resource are envelopes too', async () => {
      expectEnvelope(await request('GET', '/api/wards'), 401);
      expectEnvelope(await request('GET', '/api/wards', { key: 'wl_not-a-real-key' }), 401);
      expectEnvelope(await request('GET', '/api/wards/00000000-0000-4000-8000-000000000000', withKey()), 404);
    });

    it('input PostgreSQL cannot store (a NUL character) answers 400 and shows nothing of the database', async () => {
      const cursor = taggedCursor(['name', 'a\u0000b', '00000000-0000-4000-8000-000000000000']);
      const responses = [
        await request('POST', '/api/categories', withKey({ json: { name: 'Nul \u0000 byte' } })),
        await request('POST', '/api/wards', withKey({ json: { name: 'Nul \u0000 byte' } })),
        await request('GET', `/api/wards?cursor=${cursor}`, withKey()),
        await request('GET', `/api/categories?cursor=${cursor}`, withKey()),
      ];
      for (const response of responses) {
        expectEnvelope(response, 400);
        expectNoLeak(response);
      }
    });
  });

  describe('a 500 says nothing but that it is one (contract §1)', () => {
    it('an unexpected error in the code (a tenant time zone the runtime cannot read)', async () => {
      const broken = await fixtures.keyedUser('council', 'admin');
      await fixtures.owner.query(`UPDATE tenants SET timezone = 'Nowhere/Atlantis' WHERE id = $1`, [broken.tenant.id]);
      const response = await request('POST', '/api/cases', { key: broken.key, json: { summary: 'Boom' } });
      expectBare500(response);
    });

    it('a database error no rule maps (an exception raised by a trigger)', async () => {
      const name = `Boom ${process.pid}`;
      const trigger = `wardline_test_boom_${process.pid}`;
      await underPrepareLock(fixtures.owner, async (manager) => {
        await manager.query(
          `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'SELECT secret FROM vault WHERE name = %', NEW.name; END $$`,
        );
        await manager.query(
          `CREATE TRIGGER ${trigger} BEFORE INSERT ON wards FOR EACH ROW
           WHEN (NEW.name = '${name}') EXECUTE FUNCTION ${trigger}()`,
        );
      });
      try {
        expectBare500(await request('POST', '/api/wards', withKey({ json: { name } })));
      } finally {
        await underPrepareLock(fixtures.owner, async (manager) => {
          await manager.query(`DROP TRIGGER ${trigger} ON wards`);
          await manager.query(`DROP FUNCTION ${trigger}()`);
        });
      }
    });
  });

  describe('X-Request-Id', () => {
    it.each([
      ['200 (a keyed API call)', 'GET', '/api/me', true, 200],
      ['401 (no key)', 'GET', '/api/wards', false, 401],
      ['404 (unknown route)', 'GET', '/api/nope', true, 404],
      ['400 (bad query parameter)', 'GET', '/api/wards?pageSize=abc', true, 400],
      ['health/live', 'GET', '/health/live', false, 200],
      ['health/ready', 'GET', '/health/ready', false, 200],
      ['openapi.json', 'GET', '/openapi.json', false, 200],
      ['docs', 'GET', '/docs', false, 200],
    ] as const)('every response carries one: %s', async (_label, method, path, keyed, status) => {
      const response = await request(method, path, keyed ? withKey() : {});
      expect(response.status).toBe(status);
      expect(response.headers.get('x-request-id')).toMatch(UUID);
    });

    it('a 400 for malformed JSON and a 413 carry one', async () => {
      const malformed = await request('POST', '/api/wards', withKey({ rawBody: '{bad' }));
      expect(malformed.headers.get('x-request-id')).toMatch(UUID);
      const tooLarge = await request('POST', '/api/wards', withKey({ rawBody: `"${'x'.repeat(ONE_MIB + 10)}"` }));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers.get('x-request-id')).toMatch(UUID);
    });

    it('each request gets its own id', async () => {
      const ids = new Set<string | null>();
      for (let i = 0; i < 5; i++) ids.add((await request('GET', '/health/live')).headers.get('x-request-id'));
      expect(ids.size).toBe(5);
    });

    it('a valid incoming X-Request-Id is echoed back (on success and on errors)', async () => {
      for (const id of ['req-123_abc', 'a', 'trace.id:42', 'x'.repeat(128)]) {
        const headers = { 'X-Request-Id': id };
        expect((await request('GET', '/api/me', withKey({ headers }))).headers.get('x-request-id')).toBe(id);
        expect((await request('GET', '/api/wards', { headers })).headers.get('x-request-id')).toBe(id);
        expect((await request('GET', '/api/nope', { headers })).headers.get('x-request-id')).toBe(id);
        expect((await request('GET', '/health/live', { headers })).headers.get('x-request-id')).toBe(id);
      }
    });

    it('an invalid incoming X-Request-Id (too long, spaces, odd characters) is replaced by a new one', async () => {
      for (const id of ['x'.repeat(300), 'x'.repeat(129), 'has spaces', 'semi;colon', '<script>', 'a/b']) {
        const response = await request('GET', '/api/me', withKey({ headers: { 'X-Request-Id': id } }));
        expect(response.status).toBe(200);
        const echoed = response.headers.get('x-request-id');
        expect(echoed).not.toBe(id);
        expect(echoed).toMatch(UUID);
      }
    });
  });

  describe('CORS', () => {
    const ORIGIN = 'https://evil.example';

    it('an /api request with an Origin gets no Access-Control-* headers', async () => {
      const keyed = await request('GET', '/api/wards', withKey({ headers: { Origin: ORIGIN } }));
      expect(keyed.status).toBe(200);
      expect(keyed.headers.get('access-control-allow-origin')).toBeNull();
      expect(corsHeaders(keyed)).toEqual([]);

      const anonymous = await request('GET', '/api/me', { headers: { Origin: ORIGIN } });
      expect(anonymous.headers.get('access-control-allow-origin')).toBeNull();
      expect(corsHeaders(anonymous)).toEqual([]);
    });

    it('an OPTIONS preflight on /api/wards is not granted', async () => {
      const response = await request('OPTIONS', '/api/wards', {
        headers: {
          Origin: ORIGIN,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type',
        },
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(corsHeaders(response)).toEqual([]);
      expectEnvelope(response, 404);
    });
  });

  describe('OpenAPI and Swagger UI', () => {
    let served: ApiResponse;
    let document: any;

    beforeAll(async () => {
      served = await request('GET', '/openapi.json');
      document = served.body;
    });

    const apiOperations = (): [string, string, any][] =>
      Object.entries(document.paths as Record<string, Record<string, any>>)
        .filter(([path]) => path.startsWith('/api/'))
        .flatMap(([path, item]) =>
          Object.entries(item)
            .filter(([method]) => HTTP_METHODS.includes(method))
            .map(([method, operation]): [string, string, any] => [path, method, operation]),
        );

    it('GET /openapi.json is an OpenAPI 3.1.x document, served without a key', () => {
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toMatch(/^application\/json/);
      expect(document.openapi).toMatch(/^3\.1\.\d+$/);
      expect(typeof document.info?.title).toBe('string');
      expect(typeof document.paths).toBe('object');
    });

    it('declares both security schemes: HTTP bearer and an X-API-Key header', () => {
      const schemes = Object.values(document.components?.securitySchemes ?? {}) as any[];
      expect(schemes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'http', scheme: 'bearer' }),
          expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
        ]),
      );
    });

    it('documents the wards and categories routes of the contract', () => {
      const routes = apiOperations().map(([path, method]) => `${method.toUpperCase()} ${path}`);
      expect(routes).toEqual(
        expect.arrayContaining([
          'GET /api/me',
          'GET /api/wards',
          'POST /api/wards',
          'GET /api/wards/export',
          'GET /api/wards/{id}',
          'PATCH /api/wards/{id}',
          'GET /api/categories',
          'POST /api/categories',
          'GET /api/categories/{id}',
          'PATCH /api/categories/{id}',
        ]),
      );
    });

    it('every /api operation except /api/me and the public form has x-required-scope naming a contract scope', () => {
      const operations = apiOperations().filter(([path]) => path !== '/api/me' && !path.startsWith('/api/public/'));
      expect(operations.length).toBeGreaterThan(0);
      for (const [path, method, operation] of operations) {
        expect({ route: `${method} ${path}`, scope: operation['x-required-scope'] }).toEqual({
          route: `${method} ${path}`,
          scope: expect.any(String),
        });
        expect(SCOPES).toContain(operation['x-required-scope']);
      }
    });

    it('the public intake form is documented as needing no key', () => {
      const operation = document.paths['/api/public/{tenantSlug}/cases'].post;
      expect(operation).toMatchObject({ security: [], 'x-public': true });
    });

    it('every /api operation offers both security schemes so "Authorize" works', () => {
      const schemeNames = Object.keys(document.components.securitySchemes);
      const keyed = apiOperations().filter(([path]) => !path.startsWith('/api/public/'));
      for (const [path, method, operation] of keyed) {
        const offered = (operation.security ?? document.security ?? []).flatMap((entry: object) => Object.keys(entry));
        expect({ route: `${method} ${path}`, offered: [...new Set(offered)].toSorted() }).toEqual({
          route: `${method} ${path}`,
          offered: [...schemeNames].toSorted(),
        });
      }
    });

    it('GET /docs serves the Swagger UI as HTML without a key', async () => {
      const response = await request('GET', '/docs');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.text).toMatch(/swagger-ui/i);
    });
  });

  describe('health', () => {
    it.each(['/health/live', '/health/ready'])('%s answers 200 {status: "ok"} without a key', async (path) => {
      const response = await request('GET', path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('health answers the same with an invalid key (it never looks at keys)', async () => {
      const response = await request('GET', '/health/ready', { key: 'wl_invalid' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    });
  });
});
