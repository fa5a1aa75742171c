import type { ValidationError } from 'class-validator';

export type FieldErrors = Record<string, string[]>;

/**
 * Constraints that mean "well-formed but breaks a domain rule" (422); every other failure
 * (missing, wrong type, unknown field, bad format) is a 400.
 */
const DOMAIN_CONSTRAINTS = new Set(['isEnum', 'isIn', 'isFutureDate']);

/**
 * Constraints that check a value's JSON type. When one fails, the field's other messages
 * (length, range, enum) say nothing useful about a value of the wrong type, so only the type
 * is named.
 */
const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject']);

const UNKNOWN_FIELD = 'whitelistValidation';

/** class-validator's wordings that do not read well to an integrator, in plainer words. */
const PLAINER_WORDING: [RegExp, string][] = [
  [/ must be a number conforming to the specified constraints$/, ' must be a number'],
  [/ must be an integer number$/, ' must be an integer'],
  [/ must be a boolean value$/, ' must be true or false'],
  [/ must be an object$/, ' must be a JSON object'],
];

const plainer = (message: string) =>
  PLAINER_WORDING.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);

/** One field's failure as its messages and whether it is a domain rule (422) or a bad request (400). */
interface FieldFailure {
  path: string;
  messages: string[];
  domainRule: boolean;
}

/** A value of a type the domain rules judge: a string, or a list of strings (`each`). */
const isJudgeable = (value: unknown) =>
  typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));

function describe(error: ValidationError, path: string): FieldFailure {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  if (!names.includes(UNKNOWN_FIELD)) {
    if (error.value === undefined) return { path, messages: [`${path} is required`], domainRule: false };
    if (error.value === null) return { path, messages: [`${path} must not be null`], domainRule: false };
  }
  const typeFailures = names.filter((name) => TYPE_CONSTRAINTS.has(name));
  const shown = typeFailures.length > 0 ? typeFailures : names;
  return {
    path,
    messages: [...new Set(shown.map((name) => plainer(constraints[name])))],
    // A domain rule only judges a value of the right JSON type: `"priority": 5` is a 400.
    domainRule: shown.every((name) => DOMAIN_CONSTRAINTS.has(name)) && isJudgeable(error.value),
  };
}

function failuresOf(errors: ValidationError[], parent = ''): FieldFailure[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [describe(error, path)] : [];
    return [...own, ...failuresOf(error.children ?? [], path)];
  });
}

export interface DescribedValidationErrors {
  fields: FieldErrors;
  /** Every failure breaks a domain rule: 422 rather than 400. */
  onlyDomainRules: boolean;
}

/**
 * class-validator's errors as the contract's `details.fields`, one message a fault: a missing
 * field "is required", a wrong type names the type only, repeats are dropped.
 */
export function describeValidationErrors(errors: ValidationError[]): DescribedValidationErrors {
  const failures = failuresOf(errors);
  const fields: FieldErrors = {};
  for (const { path, messages } of failures) fields[path] = messages;
  return { fields, onlyDomainRules: failures.every((failure) => failure.domainRule) };
}
