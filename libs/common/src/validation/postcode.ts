import { Transform } from 'class-transformer';

/**
 * "sw1a1aa", " SW1A  1AA " → "SW1A 1AA": upper case, one space before the last three
 * characters (the inward code), so one postcode is stored and searched one way.
 */
export function normalisePostcode(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return compact.length >= 5 && compact.length <= 7 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/**
 * The outward code of a UK postcode (`SW1A 1AA` → `SW1A`), which ward statistics need and which
 * names no household: everything before the last three characters (the inward code).
 */
export function outwardCode(postcode: string | null): string | null {
  if (postcode === null) return null;
  return normalisePostcode(postcode).split(' ')[0];
}

export const NormalisePostcode = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalisePostcode(value) : value));
