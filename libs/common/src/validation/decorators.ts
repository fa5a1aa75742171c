import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateBy, ValidateIf } from 'class-validator';

/** May be left out, but when given must not be null (for PATCH of required fields). */
export const IsOptionalNonNull = () => ValidateIf((_object, value) => value !== undefined);

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
