import { ApiProperty, DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Keywords = Record<string, unknown>;

/** The JSON Schema keywords one class-validator rule means, for the value (or, with `each`, each item). */
function keywordsOf(rule: ValidationMetadata): Keywords {
  const [first, second] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isLength':
      return { minLength: first, ...(second === undefined ? {} : { maxLength: second }) };
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'matches':
      // A pattern with flags has no JSON Schema spelling; the message still explains it.
      return first instanceof RegExp && first.flags === '' ? { pattern: first.source } : {};
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'isLatitude':
      return { minimum: -90, maximum: 90 };
    case 'isLongitude':
      return { minimum: -180, maximum: 180 };
    case 'isInt':
      return { type: 'integer' };
    case 'isUuid':
      return { format: 'uuid' };
    case 'isEmail':
      return { format: 'email' };
    case 'isRfc3339DateTime':
      return { format: 'date-time' };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'arrayUnique':
      return { uniqueItems: true };
    default:
      return {};
  }
}

const TIGHTEST: Record<string, (a: number, b: number) => number> = {
  minLength: Math.max,
  minimum: Math.max,
  minItems: Math.max,
  maxLength: Math.min,
  maximum: Math.min,
  maxItems: Math.min,
};

/**
 * Adds `rule` to `schema`. A bound the documentation already states keeps the tighter of the
 * two (a domain rule may be stricter than the type check); everything else the rule says wins.
 */
function merge(schema: Keywords, rule: Keywords): Keywords {
  const merged = { ...schema };
  for (const [keyword, value] of Object.entries(rule)) {
    const tightest = Object.hasOwn(TIGHTEST, keyword) ? TIGHTEST[keyword] : undefined;
    merged[keyword] =
      tightest !== undefined && typeof merged[keyword] === 'number'
        ? tightest(merged[keyword] as number, value as number)
        : value;
  }
  return merged;
}

/**
 * Writes every class-validator rule of every validated class into its OpenAPI property
 * metadata (`maxLength`, `pattern`, `format: uuid`, `integer`, `maxItems`...), so the document
 * states exactly what the server enforces and a rule cannot be changed without its
 * documentation. Run before the document is built; running it again changes nothing.
 */
export function documentValidationRules(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, ValidationMetadata[]> };
  for (const [target, rules] of storage.validationMetadatas) {
    const prototype = (target as { prototype: object }).prototype;
    const byProperty = new Map<string, { value: Keywords; items: Keywords }>();
    for (const rule of rules) {
      const keywords = keywordsOf(rule);
      if (Object.keys(keywords).length === 0) continue;
      const entry = byProperty.get(rule.propertyName) ?? { value: {}, items: {} };
      if (rule.each) entry.items = merge(entry.items, keywords);
      else entry.value = merge(entry.value, keywords);
      byProperty.set(rule.propertyName, entry);
    }
    for (const [property, { value, items }] of byProperty) {
      const documented = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, property) ?? {}) as Keywords;
      const next = merge(documented, value);
      if (Object.keys(items).length > 0) {
        const documentedItems = (documented.items ?? {}) as Keywords;
        next.items = merge({ ...(documentedItems.type ? {} : { type: 'string' }), ...documentedItems }, items);
      }
      ApiProperty(next)(prototype, property);
    }
  }
}
