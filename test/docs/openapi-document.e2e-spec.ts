import { useApiSuite } from '../support/suite';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SCHEMA_REF = /^#\/components\/schemas\/(.+)$/;

type Operation = Record<string, any> & { operationId: string };

/** Paths inside `schema` where a `default` keyword sits (property names are not keywords). */
function defaultsIn(schema: any, at = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  return [
    ...('default' in schema ? [at || '(root)'] : []),
    ...Object.entries(schema.properties ?? {}).flatMap(([name, inner]) => defaultsIn(inner, `${at}.${name}`)),
    ...defaultsIn(schema.items, `${at}[]`),
    ...['allOf', 'oneOf', 'anyOf'].flatMap((key) => (schema[key] ?? []).flatMap((inner: any) => defaultsIn(inner, at))),
  ];
}

/** Every schema inside `value`, with where it sits. */
function schemasIn(value: unknown, at = ''): [string, any][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => schemasIn(item, `${at}[${index}]`));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return [
    ...('type' in record ? [[at, record] as [string, any]] : []),
    ...Object.entries(record)
      .filter(([key]) => key !== 'example')
      .flatMap(([key, inner]) => schemasIn(inner, `${at}.${key}`)),
  ];
}

describe('the OpenAPI document is fit to generate a client from', () => {
  const suite = useApiSuite();
  let document: any;
  let operations: [string, string, Operation][];

  beforeAll(async () => {
    document = (await suite.request('GET', '/openapi.json')).body;
    operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => HTTP_METHODS.includes(method))
        .map(([method, operation]): [string, string, Operation] => [method, path, operation]),
    );
  });

  const idOf = (method: string, path: string): string => document.paths[path][method].operationId;

  /** Every component schema `value` reaches, following `$ref`s. */
  function reachableSchemas(value: unknown, found = new Set<string>()): Set<string> {
    if (Array.isArray(value)) value.forEach((item) => reachableSchemas(item, found));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const name = key === '$ref' && typeof inner === 'string' ? SCHEMA_REF.exec(inner)?.[1] : undefined;
        if (name && !found.has(name)) {
          found.add(name);
          reachableSchemas(document.components.schemas[name], found);
        } else if (!name) reachableSchemas(inner, found);
      }
    }
    return found;
  }

  it('PATCH bodies carry no defaults, so a client that fills them in resets nothing', () => {
    const patches = operations.filter(([method]) => method === 'patch');
    expect(patches.length).toBeGreaterThan(3);
    const found = patches.flatMap(([, path, operation]) =>
      [...reachableSchemas(operation.requestBody)].flatMap((name) =>
        defaultsIn(document.components.schemas[name]).map((at) => `${path}: ${name}${at}`),
      ),
    );
    expect(found).toEqual([]);
    // The create bodies keep theirs: the server does apply them there.
    expect(document.components.schemas.CreateCaseDto.properties.priority.default).toBe('normal');
  });

  it('operation ids are unique camelCase verbs a generated SDK reads well', () => {
    const ids = operations.map(([, , operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z]+[A-Z][A-Za-z]*$/.test(id))).toEqual([]);
    expect({
      list: idOf('get', '/api/cases'),
      create: idOf('post', '/api/cases'),
      get: idOf('get', '/api/cases/{id}'),
      update: idOf('patch', '/api/cases/{id}'),
      exportCases: idOf('get', '/api/cases/export'),
      note: idOf('post', '/api/cases/{id}/notes'),
      category: idOf('patch', '/api/categories/{id}'),
      deleteEvent: idOf('delete', '/api/events/{id}'),
      me: idOf('get', '/api/me'),
    }).toEqual({
      list: 'listCases',
      create: 'createCase',
      get: 'getCase',
      update: 'updateCase',
      exportCases: 'exportCases',
      note: 'addCaseNote',
      category: 'updateCategory',
      deleteEvent: 'deleteEvent',
      me: 'getMe',
    });
  });

  it('every error response is application/json with the one named Error schema', () => {
    expect(document.components.schemas.Error).toMatchObject({
      type: 'object',
      required: ['error'],
      properties: { error: { type: 'string' }, details: { properties: { fields: expect.any(Object) } } },
    });
    const wrong = operations.flatMap(([method, path, operation]) =>
      Object.entries(operation.responses as Record<string, any>)
        .filter(([status]) => Number(status) >= 400)
        .filter(
          ([, response]) =>
            Object.keys(response.content ?? {}).join() !== 'application/json' ||
            response.content['application/json'].schema.$ref !== '#/components/schemas/Error' ||
            typeof response.content['application/json'].example?.error !== 'string',
        )
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(wrong).toEqual([]);
    const exportErrors = document.paths['/api/cases/export'].get.responses['400'].content;
    expect(Object.keys(exportErrors)).toEqual(['application/json']);
  });

  it('routes without a key say so with security: []; every other route names its schemes', () => {
    const open = operations.filter(([, , operation]) => operation.security?.length === 0).map(([m, p]) => `${m} ${p}`);
    expect(open.toSorted()).toEqual(['get /health/live', 'get /health/ready', 'post /api/public/{tenantSlug}/cases']);
    expect(operations.filter(([, , operation]) => operation.security === undefined)).toEqual([]);
  });

  it('has servers, a licence, a contact, described tags, and does not call the API key a JWT', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(document.info.license).toEqual({ name: expect.any(String) });
    expect(document.info.contact).toEqual({ name: expect.any(String) });
    const used = new Set(operations.flatMap(([, , operation]) => operation.tags ?? []));
    expect(document.tags.map((tag: { name: string }) => tag.name).toSorted()).toEqual([...used].toSorted());
    expect(document.tags.filter((tag: { description?: string }) => !tag.description)).toEqual([]);
    expect(JSON.stringify(document.components.securitySchemes)).not.toMatch(/JWT/);
  });

  it('states the rules the server enforces: uuid ids, patterns, lengths, item limits, integers', () => {
    const pathIds = operations.flatMap(([method, path, operation]) =>
      (operation.parameters ?? [])
        .filter((parameter: any) => parameter.in === 'path' && /(^id|Id)$/.test(parameter.name))
        .map((parameter: any) => [`${method} ${path} ${parameter.name}`, parameter.schema.format]),
    );
    expect(pathIds.length).toBeGreaterThan(15);
    expect(pathIds.filter(([, format]) => format !== 'uuid')).toEqual([]);

    const schemas = document.components.schemas;
    expect(schemas.CreateWardDto.properties.gssCode.pattern).toBe('^[EWSN]\\d{8}$');
    expect(schemas.CreateCategoryDto.properties.slug).toMatchObject({ pattern: expect.any(String), maxLength: 64 });
    expect(schemas.CreateCaseDto.properties.summary).toMatchObject({ minLength: 1, maxLength: 500 });
    expect(schemas.CreateCaseDto.properties.tags).toMatchObject({ maxItems: 50, items: { maxLength: 50 } });
    expect(schemas.CreateNewsDto.properties.wardIds.items.format).toBe('uuid');
    expect(schemas.CreateWebhookDto.properties.events).toMatchObject({ minItems: 1, uniqueItems: true });

    // Only coordinates and medians are fractional; every other number is an integer.
    const fractional = /\.(latitude|longitude|median|p90|medianResolutionHours)$/;
    const numbers = schemasIn(document)
      .filter(([, schema]) => [].concat(schema.type).includes('number' as never))
      .map(([at]) => at)
      .filter((at) => !fractional.test(at));
    expect(numbers).toEqual([]);
    const list = operations.find(([method, path]) => method === 'get' && path === '/api/cases')![2];
    const paging = list.parameters.filter((parameter: any) => ['page', 'pageSize'].includes(parameter.name));
    expect(paging.map((parameter: any) => parameter.schema.type)).toEqual(['integer', 'integer']);
    expect(schemas.PaginationResponse.properties.total.type).toEqual(['integer', 'null']);
  });

  it('timeline entries are a oneOf told apart by type; an assigned entry names its users', () => {
    const items = document.components.schemas.CaseTimelineResponse.properties.timeline.items;
    expect(Object.keys(items.discriminator.mapping).toSorted()).toEqual([
      'assigned',
      'created',
      'note_added',
      'status_changed',
      'updated',
    ]);
    expect(items.oneOf).toHaveLength(5);
    expect(document.components.schemas.AssignedData.properties.to.anyOf[0].$ref).toBe('#/components/schemas/UserRef');
  });

  it('documents CSV exports as text/csv with their columns, and the response headers', () => {
    const exported = document.paths['/api/cases/export'].get.responses['200'];
    expect(Object.keys(exported.content).toSorted()).toEqual(['application/json', 'text/csv']);
    expect(exported.content['text/csv'].schema).toMatchObject({
      type: 'string',
      description: expect.stringContaining('`reference`'),
    });
    expect(exported.headers['Content-Disposition']).toBeDefined();
    const read = document.paths['/api/cases/{id}'].get.responses;
    expect(Object.keys(read['200'].headers)).toEqual(
      expect.arrayContaining(['ETag', 'X-Request-Id', 'X-RateLimit-Remaining']),
    );
    expect(Object.keys(read['401'].headers)).toContain('WWW-Authenticate');
    expect(Object.keys(read['429'].headers)).toContain('Retry-After');
    expect(document.paths['/api/cases'].post.responses).toHaveProperty('415');
    expect(read).toHaveProperty('500');
  });

  it("states each operation's access rule, and has an example on every body and JSON response", () => {
    expect(operations.filter(([, , operation]) => !/\*\*Access:\*\*/.test(operation.description ?? ''))).toEqual([]);
    expect(document.paths['/api/cases'].get.description).toContain('scope `cases:read`');
    const missing = operations.flatMap(([method, path, operation]) => [
      ...(operation.requestBody && operation.requestBody.content['application/json'].example === undefined
        ? [`${method} ${path} body`]
        : []),
      ...Object.entries(operation.responses as Record<string, any>)
        .filter(
          ([, response]) =>
            response.content?.['application/json'] && response.content['application/json'].example === undefined,
        )
        .map(([status]) => `${method} ${path} ${status}`),
    ]);
    expect(missing).toEqual([]);
  });
});
