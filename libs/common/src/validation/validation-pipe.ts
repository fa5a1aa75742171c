import { type ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError } from '../errors/api-error';

/**
 * Constraints that mean "well-formed but breaks a domain rule" (422); every other failure
 * (missing, wrong type, unknown field) is a 400.
 */
const DOMAIN_CONSTRAINTS = new Set(['isEnum', 'isIn', 'isFutureDate', 'isAfter']);

export type FieldErrors = Record<string, string[]>;

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    Object.assign(fields, flattenValidationErrors(error.children ?? [], path));
  }
  return fields;
}

function onlyDomainRules(errors: ValidationError[]): boolean {
  return errors.every(
    (error) =>
      Object.keys(error.constraints ?? {}).every((name) => DOMAIN_CONSTRAINTS.has(name)) &&
      onlyDomainRules(error.children ?? []),
  );
}

export function validationException(errors: ValidationError[]): ApiError {
  const fields = flattenValidationErrors(errors);
  return onlyDomainRules(errors)
    ? new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'Validation failed', { fields })
    : new ApiError(HttpStatus.BAD_REQUEST, 'Validation failed', { fields });
}

/**
 * The global pipe. In a body an out-of-range enum is a domain rule (422); in the query string
 * every failure is a bad query parameter (400).
 */
class ContractValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (metadata.type === 'query' && error instanceof ApiError && error.getStatus() === 422) {
        throw new ApiError(HttpStatus.BAD_REQUEST, error.message, error.details);
      }
      throw error;
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ContractValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: validationException,
  });
}
