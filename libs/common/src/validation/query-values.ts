import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, getMetadataStorage, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ApiError } from '../errors/api-error';

/** At most this many ids in one multi-value filter (`wardId=a,b,…`). */
export const MAX_FILTER_IDS = 50;

const SEVERAL = '(several may be given: `a,b` or the parameter repeated)';
const howToGiveSeveral = (what: string, list: string) =>
  `One ${what}, or several as a comma-separated list (\`${list}\`) or as the parameter repeated: ` +
  'a row matches any of them.';

/** `a,b` or `x=a&x=b` → `['a', 'b']`: trimmed, repeats dropped; a blank stays to be refused. */
function toValueList(value: unknown): unknown {
  if (typeof value !== 'string' && !Array.isArray(value)) return value;
  const parts = [value].flat().flatMap((part: unknown) => (typeof part === 'string' ? part.split(',') : [part]));
  return [...new Set(parts.map((part) => (typeof part === 'string' ? part.trim() : part)))];
}

/** A filter that takes one or more of `values`; an unknown one is a 400, as any bad query parameter. */
export const OneOrMoreOf = (values: readonly string[]) =>
  applyDecorators(
    ApiPropertyOptional({
      enum: values,
      isArray: true,
      maxItems: values.length,
      description: howToGiveSeveral('value', values.slice(0, 2).join(',')),
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => toValueList(value)),
    IsArray(),
    ArrayMaxSize(values.length, { message: (args) => `${args.property} takes at most ${values.length} values` }),
    IsIn([...values], {
      each: true,
      message: (args) => `${args.property} must be one of: ${values.join(', ')} ${SEVERAL}`,
    }),
  );

/** A filter that takes one or more ids. */
export const OneOrMoreIds = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      format: 'uuid',
      isArray: true,
      maxItems: MAX_FILTER_IDS,
      description: howToGiveSeveral('id', '<id>,<id>'),
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => toValueList(value)),
    IsArray(),
    ArrayMaxSize(MAX_FILTER_IDS, { message: (args) => `${args.property} takes at most ${MAX_FILTER_IDS} ids` }),
    IsUUID('all', { each: true, message: (args) => `${args.property} must be a UUID ${SEVERAL}` }),
  );

const parametersByClass = new WeakMap<object, { declared: Set<string>; multi: Set<string> }>();

/** The parameters a query class declares, and those of them that take several values (`isArray`). */
function parametersOf(metatype: object): { declared: Set<string>; multi: Set<string> } {
  let known = parametersByClass.get(metatype);
  if (!known) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(metatype as () => void, '', true, false);
    known = {
      declared: new Set(metadata.map((entry) => entry.propertyName)),
      multi: new Set(metadata.filter((entry) => entry.name === 'isArray').map((entry) => entry.propertyName)),
    };
    parametersByClass.set(metatype, known);
  }
  return known;
}

/**
 * `pageSize=1&pageSize=2`: a parameter that takes one value, given several times, is a 400
 * that says so (rather than a type error about an array the client never meant to send).
 */
export function refuseRepeatedParameters(query: unknown, metatype: object): void {
  if (typeof query !== 'object' || query === null) return;
  const { declared, multi } = parametersOf(metatype);
  const fields: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value) && declared.has(name) && !multi.has(name)) {
      fields[name] = [`${name} was given ${value.length} times: give one value`];
    }
  }
  if (Object.keys(fields).length > 0) throw ApiError.badRequest('Validation failed', { fields });
}
