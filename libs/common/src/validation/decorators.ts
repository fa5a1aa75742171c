import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/** May be left out, but when given must not be null (for PATCH of required fields). */
export const IsOptionalNonNull = () => ValidateIf((_object, value) => value !== undefined);

/** `?enabled=true|false` → boolean; anything else stays a string and fails `@IsBoolean()`. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Trims strings; leaves other values for the validators to judge. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
