import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, ValidateBy, ValidateIf } from 'class-validator';

/** May be left out, but when given must not be null (for PATCH of required fields): null is a 400. */
export const IsOptionalNonNull = () =>
  applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    ValidateBy({
      name: 'isNotNull',
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: (args) => `${args?.property ?? 'value'} must not be null`,
      },
    }),
  );

/** RFC 3339 date-time: date, time and a zone (`Z` or `±hh:mm`); no date-only, week or ordinal forms. */
const RFC_3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

export function isRfc3339DateTime(value: unknown): boolean {
  if (typeof value !== 'string' || !RFC_3339_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  // Date.parse rolls 30 February over into March: the calendar date itself must exist.
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

export const IsRfc3339DateTime = () =>
  ValidateBy({
    name: 'isRfc3339DateTime',
    validator: {
      validate: isRfc3339DateTime,
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be an RFC 3339 date-time with a time zone, e.g. 2026-01-15T10:30:00Z`,
    },
  });

/** An optional, nullable string of at most `max` characters. */
export const OptionalText = (max: number) => applyDecorators(IsOptional(), IsString(), MaxLength(max));

/** `?enabled=true|false` → boolean; anything else stays a string and fails `@IsBoolean()`. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Trims strings; leaves other values for the validators to judge. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A date-time in the future: a domain rule, so a past date is a 422, not a 400. */
export const IsFutureDate = () =>
  ValidateBy({
    name: 'isFutureDate',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'string' || Number.isNaN(Date.parse(value)) || Date.parse(value) > Date.now(),
      defaultMessage: (args) => `${args?.property ?? 'date'} must be in the future`,
    },
  });

/**
 * One of `values` (a string enum). A string outside them breaks a domain rule (422); a value
 * of another JSON type (`"priority": 5`) is a wrong type (400). Both messages list the values.
 */
export const IsOneOf = (values: readonly string[], { each = false }: { each?: boolean } = {}) => {
  const subject = (property: string) => (each ? `each value in ${property}` : property);
  return applyDecorators(
    IsString({ each, message: (args) => `${subject(args.property)} must be a string, one of: ${values.join(', ')}` }),
    IsIn([...values], { each, message: (args) => `${subject(args.property)} must be one of: ${values.join(', ')}` }),
  );
};
