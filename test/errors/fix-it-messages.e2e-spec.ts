import type { KeyedUser } from '../support/fixtures';
import type { ApiResponse } from '../support/http';
import { useApiSuite } from '../support/suite';

const ANY_ID = '00000000-0000-4000-8000-000000000000';
const PRIORITIES = 'low, normal, high, urgent';

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  operation: Schema;
}

/** The status and body, so a failure shows both. */
const answer = (response: ApiResponse) => ({ status: response.status, body: response.body });
const validationFailed = (status: number, fields: Record<string, string[]>) => ({
  status,
  body: { error: 'Validation failed', details: { fields } },
});

describe('Errors that say how to fix the request (issue 13, point 6)', () => {
  const suite = useApiSuite();
  let admin: KeyedUser;
  let document: Schema;

  const send = (method: string, path: string, json?: unknown) => suite.request(method, path, { key: admin.key, json });

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
    document = (await suite.request('GET', '/openapi.json')).body;
  });

  const resolve = (schema: Schema | undefined): Schema =>
    schema?.$ref ? resolve(document.components.schemas[schema.$ref.split('/').pop()]) : (schema ?? {});

  /**
   * Keyed /api operations, with their path parameters filled by an id (validation runs before
   * any lookup); methods in capitals, as fetch sends PATCH only as given.
   */
  const operations = (): Operation[] =>
    Object.entries(document.paths as Record<string, Schema>)
      .filter(([path]) => path.startsWith('/api/') && !path.startsWith('/api/public/'))
      .flatMap(([path, item]) =>
        ['get', 'post', 'patch', 'put', 'delete']
          .filter((method) => item[method])
          .map((method) => ({
            method: method.toUpperCase(),
            path: path.replace(/\{[^}]+\}/g, ANY_ID),
            operation: item[method],
          })),
      );

  describe('a wrong JSON type is a 400; an unknown value of the right type is a 422', () => {
    it('"priority": 5 is a 400 that names the type and the values', async () => {
      expect(answer(await send('POST', '/api/cases', { summary: 'Typed', priority: 5 }))).toEqual(
        validationFailed(400, { priority: [`priority must be a string, one of: ${PRIORITIES}`] }),
      );
    });

    it('"priority": "huge" is a 422 that lists the values', async () => {
      expect(answer(await send('POST', '/api/cases', { summary: 'Typed', priority: 'huge' }))).toEqual(
        validationFailed(422, { priority: [`priority must be one of: ${PRIORITIES}`] }),
      );
    });

    it.each([
      ['a number for a string', { summary: 5 }, 'summary', 'summary must be a string'],
      [
        'a string for a boolean',
        { summary: 'x', highlightedForPublic: 'yes' },
        'highlightedForPublic',
        'highlightedForPublic must be true or false',
      ],
      ['a string for a list', { summary: 'x', tags: 'urgent' }, 'tags', 'tags must be an array'],
      ['a number in a list of strings', { summary: 'x', tags: [1] }, 'tags', 'each value in tags must be a string'],
      ['an object for a string', { summary: { text: 'x' } }, 'summary', 'summary must be a string'],
    ])('%s is a 400 with that one message', async (_label, body, field, message) => {
      expect(answer(await send('POST', '/api/cases', body))).toEqual(validationFailed(400, { [field]: [message] }));
    });

    it('a string for a number is a 400 in plain words', async () => {
      expect(answer(await send('POST', '/api/wards', { name: 'Typed ward', latitude: 'north' }))).toEqual(
        validationFailed(400, { latitude: ['latitude must be a number'] }),
      );
    });

    it('a list of enum values: a number is a 400, an unknown string a 422', async () => {
      const url = 'https://crm.example.org/hooks/typed';
      expect((await send('POST', '/api/webhooks', { url, events: [5] })).status).toBe(400);
      const unknown = await send('POST', '/api/webhooks', { url, events: ['case_exploded'] });
      expect(unknown.status).toBe(422);
      expect(unknown.body.details.fields.events).toEqual([
        expect.stringMatching(/^each value in events must be one of: case_created, /),
      ]);
    });

    it('every enum field of every request body: a number is a type error, an unknown string a domain error', async () => {
      const checked: string[] = [];
      for (const { method, path, operation } of operations()) {
        const body = resolve(operation.requestBody?.content?.['application/json']?.schema);
        for (const [field, property] of Object.entries((body.properties ?? {}) as Record<string, Schema>)) {
          const list = resolve(property).type === 'array';
          const values: unknown[] | undefined = resolve(list ? resolve(property).items : property).enum;
          if (!values) continue;
          const allowed = values.filter((value) => typeof value === 'string').join(', ');
          const subject = list ? `each value in ${field}` : field;
          const wrap = (value: unknown) => (list ? [value] : value);
          const route = `${method} ${path} ${field}`;

          const typed = await send(method, path, { [field]: wrap(5) });
          expect({ route, ...answer(typed), body: typed.body.details?.fields?.[field] ?? typed.body }).toEqual({
            route,
            status: 400,
            body: [`${subject} must be a string, one of: ${allowed}`],
          });
          const unknown = await send(method, path, { [field]: wrap('no_such_value') });
          expect({ route, messages: unknown.body.details?.fields?.[field] }).toEqual({
            route,
            messages: [`${subject} must be one of: ${allowed}`],
          });
          checked.push(route);
        }
      }
      expect(checked).toEqual(
        expect.arrayContaining(['POST /api/cases priority', 'POST /api/events type', 'POST /api/webhooks events']),
      );
    });
  });

  describe('a missing required field is named', () => {
    it('POST /api/cases without summary says "summary is required"', async () => {
      expect(answer(await send('POST', '/api/cases', { description: 'No summary' }))).toEqual(
        validationFailed(400, { summary: ['summary is required'] }),
      );
    });

    it('each missing field gets its own message', async () => {
      expect(answer(await send('POST', '/api/events', { description: 'Nothing else' }))).toEqual(
        validationFailed(400, {
          title: ['title is required'],
          type: ['type is required'],
          startsAt: ['startsAt is required'],
        }),
      );
    });

    it('null for a required field says it must not be null', async () => {
      expect(answer(await send('POST', '/api/cases', { summary: null }))).toEqual(
        validationFailed(400, { summary: ['summary must not be null'] }),
      );
    });

    it('an unknown field is still refused by name, null or not', async () => {
      expect(answer(await send('POST', '/api/cases', { summary: 'x', colour: null }))).toEqual(
        validationFailed(400, { colour: ['property colour should not exist'] }),
      );
    });
  });

  describe('a bad paging parameter gets one message', () => {
    it.each(['abc', '0', '101', '2.5', ''])('pageSize=%s', async (value) => {
      expect(answer(await send('GET', `/api/cases?pageSize=${value}`))).toEqual(
        validationFailed(400, { pageSize: ['pageSize must be a whole number from 1 to 100'] }),
      );
    });

    it.each(['abc', '0', '-1'])('page=%s', async (value) => {
      expect(answer(await send('GET', `/api/wards?page=${value}`))).toEqual(
        validationFailed(400, { page: ['page must be a whole number, 1 or more'] }),
      );
    });

    it('on every list route', async () => {
      const lists = operations().filter(({ operation }) =>
        (operation.parameters ?? []).some((parameter: Schema) => parameter.name === 'pageSize'),
      );
      expect(lists.length).toBeGreaterThan(8);
      for (const { method, path } of lists) {
        const response = await send(method, `${path}?pageSize=abc`);
        expect({ route: `${method} ${path}`, ...answer(response) }).toEqual({
          route: `${method} ${path}`,
          ...validationFailed(400, { pageSize: ['pageSize must be a whole number from 1 to 100'] }),
        });
      }
    });
  });

  describe('a parameter that takes one value, given twice, says "give one value"', () => {
    it.each([
      ['pageSize', 'pageSize=1&pageSize=2'],
      ['sort', 'sort=createdAt&sort=-createdAt'],
      ['search', 'search=pothole&search=flood'],
      ['archived', 'archived=true&archived=false'],
    ])('%s on GET /api/cases', async (name, query) => {
      expect(answer(await send('GET', `/api/cases?${query}`))).toEqual(
        validationFailed(400, { [name]: [`${name} was given 2 times: give one value`] }),
      );
    });

    it('every single-value query parameter of every route', async () => {
      let checked = 0;
      for (const { method, path, operation } of operations()) {
        for (const parameter of (operation.parameters ?? []) as Schema[]) {
          if (parameter.in !== 'query' || resolve(parameter.schema).type === 'array') continue;
          const response = await send(method, `${path}?${parameter.name}=a&${parameter.name}=b&${parameter.name}=c`);
          const route = `${method} ${path} ${parameter.name}`;
          expect({ route, ...answer(response) }).toEqual({
            route,
            ...validationFailed(400, { [parameter.name]: [`${parameter.name} was given 3 times: give one value`] }),
          });
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(30);
    });
  });
});
