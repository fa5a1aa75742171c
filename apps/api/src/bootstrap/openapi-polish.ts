import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { ERROR_SCHEMA, ERROR_SCHEMA_NAME } from '@wardline/common';
import { describeHttpDetails } from './openapi-http-details';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const SCHEMA_REF = /^#\/components\/schemas\/(.+)$/;

const TAG_DESCRIPTIONS: Record<string, string> = {
  Me: 'What the calling key is and may do',
  Cases: "Residents' casework: open, move on, note, list, search and export cases",
  Wards: "The council's wards, with their councillors",
  Categories: 'Case categories',
  Users: "The council's users (read only)",
  Events: "Councillors' surgeries, meetings and consultations; drafts until approved",
  News: "Councillors' news items; drafts until approved",
  Webhooks: 'Endpoints that receive signed events, and their deliveries',
  Reports: 'Live counts over cases, for a period',
  Settings: "The council's settings",
  'Audit log': 'Every change, who made it and what changed',
  Residents: "A resident's data: subject access export and erasure",
  'Public intake': "Residents' reports without a key",
  Health: 'Liveness and readiness probes (no key)',
};

function operationsOf(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((item) =>
    HTTP_METHODS.map((method) => item[method]).filter((operation) => operation !== undefined),
  );
}

/** Names of the component schemas `value` refers to, directly. */
function refsIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const match = key === '$ref' && typeof inner === 'string' ? SCHEMA_REF.exec(inner) : null;
      if (match) found.add(match[1]);
      else refsIn(inner, found);
    }
  }
  return found;
}

/** Removes `default` from a schema and every schema inside it. */
function withoutDefaults(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  const record = schema as Record<string, unknown>;
  delete record.default;
  Object.values((record.properties ?? {}) as Record<string, unknown>).forEach(withoutDefaults);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (Array.isArray(record[key])) (record[key] as unknown[]).forEach(withoutDefaults);
  }
  withoutDefaults(record.items);
  withoutDefaults(record.additionalProperties);
}

/**
 * PATCH bodies carry no defaults: `PartialType` copies the create DTO's, so a generated client
 * would fill them in and silently reset fields the caller never meant to touch.
 */
function dropPatchDefaults(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  const pending = Object.values(document.paths).flatMap((item) => [...refsIn(item.patch?.requestBody)]);
  const seen = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (seen.has(name) || !schemas[name]) continue;
    seen.add(name);
    withoutDefaults(schemas[name]);
    pending.push(...refsIn(schemas[name]));
  }
}

/** Errors are always JSON, whatever the success answer's media types (CSV exports). */
function errorsAsJson(operation: OperationObject): void {
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (Number(status) < 400 || !response || !('content' in response) || !response.content) continue;
    response.content = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` } } };
  }
}

/**
 * The served document's finishing touches, applied once to the whole document so every route,
 * including those added later, gets them.
 */
export function polishOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas } };
  document.components.schemas![ERROR_SCHEMA_NAME] = ERROR_SCHEMA;
  dropPatchDefaults(document);
  for (const operation of operationsOf(document)) {
    errorsAsJson(operation);
    // A route that declares no key scheme needs none (health, the public form): say so.
    operation.security ??= [];
  }
  describeHttpDetails(document, operationsOf(document));
  const tagNames = new Set(operationsOf(document).flatMap((operation) => operation.tags ?? []));
  document.tags = [...tagNames].map((name) =>
    TAG_DESCRIPTIONS[name] ? { name, description: TAG_DESCRIPTIONS[name] } : { name },
  );
  return document;
}
