import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { ERROR_EXAMPLES, ERROR_SCHEMA_NAME, errorDescriptionOf, SLUG_PATTERN } from '@wardline/common';

const HEADERS: Record<string, HeaderObject> = {
  'X-Request-Id': {
    description:
      'Identifies the request in the logs (yours is reused when well formed); quote it when reporting a problem',
    schema: { type: 'string', example: '0b5f7d0e-8a43-4a8e-9d3a-2c1e6f9b7a11' },
  },
  ETag: {
    description: 'The version read or written; send it back as `If-Match` to update only that version',
    schema: { type: 'string', example: 'W/"4"' },
  },
  'X-RateLimit-Limit': {
    description: "Requests the key's plan allows per window",
    schema: { type: 'integer', example: 600 },
  },
  'X-RateLimit-Remaining': { description: 'Requests left in this window', schema: { type: 'integer', example: 599 } },
  'X-RateLimit-Reset': { description: 'Seconds until the window frees up', schema: { type: 'integer', example: 60 } },
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', example: 30 } },
  'WWW-Authenticate': {
    description: 'The challenge: how to present an API key',
    schema: { type: 'string', example: 'Bearer realm="wardline"' },
  },
};

const headerRef = (name: string): ReferenceObject => ({ $ref: `#/components/headers/${name}` });
const RATE_LIMIT_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
const ERROR_CONTENT_REF = `#/components/schemas/${ERROR_SCHEMA_NAME}`;

type Schemas = Record<string, SchemaObject | ReferenceObject>;

/** Values for strings nothing else describes, by format. */
const STRING_EXAMPLES: Record<string, string> = {
  uuid: '8d6c2f7e-3b1a-4c55-9e0f-2a7d4b9c1e30',
  'date-time': '2026-01-15T10:30:00.000Z',
  date: '2026-01-15',
  email: 'resident@example.org',
  uri: 'https://crm.example.org/hooks/wardline',
};

/** Values for strings nothing else describes, by property name. */
const NAMED_EXAMPLES: Record<string, string> = {
  name: 'Riverside',
  title: 'Ward surgery at Mill Lane library',
  description: 'Deep pothole by the bus stop; a cyclist has already fallen.',
  summary: 'Pothole outside 14 Mill Lane',
  residentName: 'Ada Lovelace',
  residentPhone: '020 7946 0000',
  residentAddress: '14 Mill Lane, Riverford',
  email: 'helen.okafor@example.org',
  slug: 'highways-potholes',
  residentEmail: 'ada.lovelace@example.org',
  residentPostcode: 'RF1 4AB',
  internalRef: 'HW/2026/0042',
  publicSummary: 'Pothole repaired within a week of the report',
  tags: 'pothole',
  publicThemes: 'roads',
};

export type ExampleMode = 'request' | 'response';

/**
 * An example value for `schema`, from the examples its properties declare: a response shows
 * every property; a request only the required ones and those with a declared example (so an
 * optional foreign id or a date is never made up).
 */
export function exampleOf(schema: unknown, schemas: Schemas, mode: ExampleMode, name = '', depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 16) return undefined;
  const record = schema as Record<string, unknown>;
  if (typeof record.$ref === 'string') {
    return exampleOf(schemas[record.$ref.split('/').pop() as string], schemas, mode, name, depth + 1);
  }
  if (record.example !== undefined) return record.example;
  if (Array.isArray(record.allOf) && record.allOf.length === 1) {
    return exampleOf(record.allOf[0], schemas, mode, name, depth + 1);
  }
  const variants = (record.oneOf ?? record.anyOf) as unknown[] | undefined;
  if (variants) {
    const variant = variants.find((inner) => (inner as { type?: string }).type !== 'null');
    return exampleOf(variant, schemas, mode, name, depth + 1);
  }
  const types = ([] as unknown[]).concat(record.type ?? (record.properties ? 'object' : []));
  const type = types.find((inner) => inner !== 'null');
  if (Array.isArray(record.enum)) return record.enum.find((value) => value !== null);
  if (type === 'object') {
    const required = new Set((record.required ?? []) as string[]);
    const entries = Object.entries((record.properties ?? {}) as Record<string, unknown>).flatMap(([key, inner]) => {
      const wanted = mode === 'response' || required.has(key) || hasDeclaredExample(inner, schemas);
      const value = wanted ? exampleOf(inner, schemas, mode, key, depth + 1) : undefined;
      return value === undefined ? [] : [[key, value]];
    });
    return Object.fromEntries(entries);
  }
  if (type === 'array') {
    const item = exampleOf(record.items, schemas, mode, name, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (type === 'integer' || type === 'number') return typeof record.minimum === 'number' ? record.minimum : 1;
  if (type === 'boolean') return false;
  if (type === 'string') {
    const known = STRING_EXAMPLES[record.format as string] ?? NAMED_EXAMPLES[name];
    if (known !== undefined || mode === 'request') return known;
    return types.includes('null') ? null : 'text';
  }
  return mode === 'response' ? null : undefined;
}

function hasDeclaredExample(schema: unknown, schemas: Schemas, depth = 0): boolean {
  if (!schema || typeof schema !== 'object' || depth > 8) return false;
  const record = schema as Record<string, unknown>;
  if (record.example !== undefined) return true;
  if (typeof record.$ref === 'string') {
    return hasDeclaredExample(schemas[record.$ref.split('/').pop() as string], schemas, depth + 1);
  }
  return false;
}

/** `id` and `*Id` path parameters are UUIDs; `tenantSlug` is a slug. */
function describePathParameters(operation: OperationObject): void {
  for (const parameter of operation.parameters ?? []) {
    if (!('in' in parameter) || parameter.in !== 'path') continue;
    const schema = (parameter.schema ?? {}) as SchemaObject;
    if (parameter.name === 'id' || parameter.name.endsWith('Id')) {
      parameter.schema = { ...schema, type: 'string', format: 'uuid' };
      parameter.example ??= STRING_EXAMPLES.uuid;
    }
    if (parameter.name.endsWith('Slug')) {
      parameter.schema = { ...schema, type: 'string', pattern: SLUG_PATTERN.source, maxLength: 64 };
      parameter.example ??= 'demo-borough';
    }
  }
}

/** States the route's access rule in its description: scope, minimum role and plans. */
function describeAccess(operation: OperationObject): void {
  const extensions = operation as unknown as Record<string, unknown>;
  const scope = extensions['x-required-scope'] as string | undefined;
  const access = scope
    ? `**Access:** scope \`${scope}\`; the key's owner must be at least \`${String(extensions['x-minimum-role'])}\`; ` +
      `plans: ${(extensions['x-plans'] as string[]).map((plan) => `\`${plan}\``).join(', ')}.`
    : operation.security?.length
      ? '**Access:** any valid API key, whatever its scopes.'
      : '**Access:** no API key.';
  operation.description = operation.description ? `${operation.description}\n\n${access}` : access;
}

/** Statuses any route can answer: 500 anywhere, 415 where it takes a body. */
function addCommonErrors(operation: OperationObject): void {
  const statuses = [500, ...(operation.requestBody ? [415] : [])];
  for (const status of statuses) {
    operation.responses[status] ??= {
      description: errorDescriptionOf(status),
      content: { 'application/json': { schema: { $ref: ERROR_CONTENT_REF } } },
    };
  }
}

function schemaOf(response: ResponseObject): unknown {
  return response.content?.['application/json']?.schema;
}

/**
 * A read or write of one versioned resource (a resource with an id, or the council's settings):
 * its version is sent as `ETag` (`sendVersionsAsETags`).
 */
function carriesETag(operation: OperationObject, response: ResponseObject, schemas: Schemas): boolean {
  if (!/^(get|create|update|rotate)[A-Z]/.test(operation.operationId ?? '')) return false;
  const schema = schemaOf(response) as { $ref?: string } | undefined;
  const resolved = schema?.$ref ? (schemas[schema.$ref.split('/').pop() as string] as SchemaObject) : undefined;
  return resolved?.properties?.id !== undefined || (operation.tags ?? []).includes('Settings');
}

function describeResponses(operation: OperationObject, schemas: Schemas): void {
  const keyed = (operation.security?.length ?? 0) > 0;
  for (const [status, response] of Object.entries(operation.responses) as [string, ResponseObject][]) {
    const code = Number(status);
    const headers: Record<string, HeaderObject | ReferenceObject> = { 'X-Request-Id': headerRef('X-Request-Id') };
    if (keyed) for (const name of RATE_LIMIT_HEADERS) headers[name] = headerRef(name);
    if (code === 401) headers['WWW-Authenticate'] = headerRef('WWW-Authenticate');
    if (code === 429 || code === 503) headers['Retry-After'] = headerRef('Retry-After');
    if (code < 300 && carriesETag(operation, response, schemas)) headers.ETag = headerRef('ETag');
    response.headers = { ...headers, ...response.headers };
    if (response.headers.ETag && !('$ref' in response.headers.ETag)) response.headers.ETag = headerRef('ETag');
    const json = response.content?.['application/json'];
    if (!json) continue;
    if (code >= 400) json.example ??= ERROR_EXAMPLES[code];
    else json.example ??= exampleOf(json.schema, schemas, 'response');
  }
}

function exampleRequestBody(operation: OperationObject, schemas: Schemas): void {
  const body = operation.requestBody;
  const json = body && 'content' in body ? body.content['application/json'] : undefined;
  if (json) json.example ??= exampleOf(json.schema, schemas, 'request');
}

/** Every integer is a 32-bit one (versions, counts, page numbers): said once, for every schema. */
function formatIntegers(value: unknown): void {
  if (Array.isArray(value)) value.forEach(formatIntegers);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const types = ([] as unknown[]).concat(record.type ?? []);
    if (types.includes('integer') && record.format === undefined) record.format = 'int32';
    Object.values(record).forEach(formatIntegers);
  }
}

/**
 * The HTTP details every operation shares, applied to the whole document: access rule in the
 * description, path parameter formats, 415/500, response headers, and an example on every
 * request body and JSON response.
 */
export function describeHttpDetails(document: OpenAPIObject, operations: OperationObject[]): void {
  document.components = { ...document.components, headers: { ...document.components?.headers, ...HEADERS } };
  const schemas = (document.components.schemas ?? {}) as Schemas;
  for (const operation of operations) {
    describeAccess(operation);
    describePathParameters(operation);
    addCommonErrors(operation);
    describeResponses(operation, schemas);
    exampleRequestBody(operation, schemas);
  }
  formatIntegers(document.components.schemas);
  formatIntegers(document.components.headers);
  formatIntegers(document.paths);
}
