import type { FieldErrors } from '@wardline/common';
import type { UpdateSettingsDto } from './dto/update-settings.dto';

const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

const isLocale = (tag: string): boolean => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
};

const between = (value: number, min: number, max: number) => value >= min && value <= max;

/** The settings' domain rules: what breaks one answers 422, field by field. */
export function settingsRuleBreaches(patch: UpdateSettingsDto): FieldErrors {
  const fields: FieldErrors = {};
  const { name, timezone, locale, caseReferencePrefix, defaultSlaDays, retention } = patch;
  if (name !== undefined && !between(name.length, 1, 200)) fields.name = ['name must be 1 to 200 characters'];
  if (timezone !== undefined && !TIME_ZONES.has(timezone)) {
    fields.timezone = ['timezone must be an IANA time zone such as Europe/London'];
  }
  if (locale !== undefined && !isLocale(locale)) fields.locale = ['locale must be a BCP 47 language tag such as en-GB'];
  if (caseReferencePrefix !== undefined && !/^[A-Z]{2,6}$/.test(caseReferencePrefix)) {
    fields.caseReferencePrefix = ['caseReferencePrefix must be 2 to 6 uppercase letters'];
  }
  if (defaultSlaDays !== undefined && !between(defaultSlaDays, 1, 365)) {
    fields.defaultSlaDays = ['defaultSlaDays must be from 1 to 365'];
  }
  const months = retention?.anonymiseClosedCasesAfterMonths;
  if (months !== undefined && months !== null && !between(months, 1, 120)) {
    fields['retention.anonymiseClosedCasesAfterMonths'] = ['anonymiseClosedCasesAfterMonths must be null or 1 to 120'];
  }
  return fields;
}
