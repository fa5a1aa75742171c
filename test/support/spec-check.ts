import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The committed description (the drift test keeps it equal to what the API serves). */
const DOCUMENT = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export interface SpecOperation {
  method: string;
  path: string;
  operationId: string;
}

/** Every operation the document describes. */
export const SPEC_OPERATIONS: SpecOperation[] = Object.entries(DOCUMENT.paths as Record<string, any>).flatMap(
  ([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method,
      path,
      operationId: item[method].operationId as string,
    })),
);

/**
 * A copy of a schema where every object that lists its properties and says nothing about others
 * refuses others: a response field the document does not describe is a field a generated client
 * cannot see, so it counts as a mismatch.
 */
function closed(schema: any, partOfAllOf = false): any {
  if (!schema || typeof schema !== 'object') return schema;
  const copy: any = { ...schema };
  if (copy.properties) {
    copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([name, inner]) => [name, closed(inner)]));
    // One part of an allOf sees only its own properties: the whole is left open there.
    if (!partOfAllOf) copy.additionalProperties ??= false;
  }
  for (const key of ['items', 'additionalProperties', 'not']) {
    if (copy[key] && typeof copy[key] === 'object') copy[key] = closed(copy[key]);
  }
  for (const key of ['anyOf', 'oneOf']) if (copy[key]) copy[key] = copy[key].map((inner: any) => closed(inner));
  if (copy.allOf) copy.allOf = copy.allOf.map((inner: any) => closed(inner, true));
  return copy;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema({
  $id: 'openapi.json',
  components: {
    schemas: Object.fromEntries(
      Object.entries(DOCUMENT.components.schemas).map(([name, schema]) => [name, closed(schema)]),
    ),
  },
});
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

function validatorFor(key: string, schema: unknown) {
  let validate = validators.get(key);
  if (!validate) {
    // Compiled as if it sat in the document, so its `#/components/...` references resolve.
    validate = ajv.compile(
      JSON.parse(JSON.stringify(closed(schema)).replaceAll('"#/components/', '"openapi.json#/components/')),
    );
    validators.set(key, validate);
  }
  return validate;
}

/**
 * What is wrong with `response` for the operation at `method path` by the document: its status
 * not documented, its media type not offered, a required header missing, or a body that does
 * not validate. Empty when the answer is what the document says.
 */
export async function specMismatches(method: string, path: string, response: Response): Promise<string[]> {
  const operation = DOCUMENT.paths[path]?.[method.toLowerCase()];
  if (!operation) return [`${method} ${path} is not in openapi.json`];
  const where = `${operation.operationId} ${response.status}`;
  const documented = operation.responses[String(response.status)];
  if (!documented) return [`${where}: status not documented (${Object.keys(operation.responses).join(', ')})`];
  const problems = Object.entries((documented.headers ?? {}) as Record<string, { required?: boolean }>)
    .filter(([name, header]) => header.required && !response.headers.has(name))
    .map(([name]) => `${where}: required header ${name} missing`);
  const text = await response.clone().text();
  const mediaType = response.headers.get('content-type')?.split(';')[0].trim();
  if (!documented.content)
    return text === '' ? problems : [...problems, `${where}: a body the document does not describe`];
  const offered = mediaType ? documented.content[mediaType] : undefined;
  if (!offered) return [...problems, `${where}: media type ${mediaType} not documented`];
  const body = mediaType === 'application/json' ? JSON.parse(text) : text;
  const validate = validatorFor(`${operation.operationId}:${response.status}:${mediaType}`, offered.schema);
  if (!validate(body)) {
    const errors = (validate.errors ?? []).map(
      ({ instancePath, message, params }) => `${instancePath || '(body)'} ${message} ${JSON.stringify(params)}`,
    );
    problems.push(`${where} (${mediaType}): ${errors.join('; ')}`);
  }
  return problems;
}
