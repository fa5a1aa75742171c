import { ALL_SCOPES } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

type Operation = Record<string, any> & { operationId: string };

/**
 * What Swagger UI's "Try it out" sends for an operation as given: the query parameters that
 * carry an example, and the request body's example.
 */
function tryItOut(path: string, operation: Operation): { url: string; json?: unknown } {
  const query = new URLSearchParams();
  for (const parameter of operation.parameters ?? []) {
    const example = parameter.example ?? parameter.schema?.example;
    if (parameter.in === 'query' && example !== undefined) query.set(parameter.name, String(example));
  }
  const url = query.size > 0 ? `${path}?${query}` : path;
  return { url, json: operation.requestBody?.content?.['application/json']?.example };
}

describe('"Try it out" succeeds as given for every list and create operation on the demo tenant', () => {
  const suite = useApiSuite();
  let document: any;
  let key: string;

  beforeAll(async () => {
    document = (await suite.request('GET', '/openapi.json')).body;
    const tenant = await suite.fixtures.tenant('council');
    await suite.fixtures.seedDemo({ tenant: tenant.id });
    const admin = await suite.fixtures.user(tenant, 'admin');
    ({ key } = await suite.fixtures.key(tenant, admin, ALL_SCOPES));
  });

  const listAndCreate = (): [string, string, Operation][] =>
    Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method, operation]) =>
          method === 'get'
            ? operation.operationId.startsWith('list')
            : method === 'post' && operation.operationId.startsWith('create'),
        )
        .map(([method, operation]): [string, string, Operation] => [method, path, operation]),
    );

  it('covers every list and create operation', () => {
    const ids = listAndCreate().map(([, , operation]) => operation.operationId);
    expect(ids).toEqual(
      expect.arrayContaining(['listCases', 'createCase', 'createWard', 'createEvent', 'createWebhook']),
    );
    expect(ids.length).toBeGreaterThanOrEqual(14);
  });

  it('each answers 2xx with its documented headers, and no example date lies in the past', async () => {
    const failures: string[] = [];
    for (const [method, path, operation] of listAndCreate()) {
      const { url, json } = tryItOut(path, operation);
      const dates = JSON.stringify(json ?? {}).match(/\d{4}-\d{2}-\d{2}T[^"]+/g) ?? [];
      for (const date of dates)
        if (Date.parse(date) <= Date.now()) failures.push(`${operation.operationId}: past date ${date}`);
      const response = await suite.request(method.toUpperCase(), url, { key, json });
      const documented = operation.responses[String(response.status)];
      // The webhook URL check resolves the example's host; a machine without DNS cannot.
      if (operation.operationId === 'createWebhook' && /does not resolve/.test(response.text)) continue;
      if (response.status >= 300 || !documented) {
        failures.push(`${operation.operationId}: ${response.status} ${response.text.slice(0, 300)}`);
        continue;
      }
      for (const header of Object.keys(documented.headers ?? {})) {
        if (!response.headers.has(header)) failures.push(`${operation.operationId}: no ${header} header`);
      }
      if (response.headers.has('etag') && !documented.headers?.ETag) {
        failures.push(`${operation.operationId}: ETag sent but not documented`);
      }
    }
    expect(failures).toEqual([]);
  });
});
