import { type ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError } from '../errors/api-error';
import { describeValidationErrors } from './field-errors';
import { refuseRepeatedParameters } from './query-values';

/** Deeper JSON than this is refused before validation (class-transformer recurses). */
export const MAX_INPUT_DEPTH = 32;
/**
 * Names the validator would look up on `Object.prototype` and so wrongly take for declared
 * fields: refused like any unknown field.
 */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Refuses input nested deeper than `MAX_INPUT_DEPTH` or holding a prototype-named key (iteratively). */
export function checkInputShape(input: unknown): void {
  const pending: { value: unknown; depth: number; path: string }[] = [{ value: input, depth: 0, path: '' }];
  while (pending.length > 0) {
    const { value, depth, path } = pending.pop() as (typeof pending)[number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      throw ApiError.badRequest(`Input is nested too deeply (at most ${MAX_INPUT_DEPTH} levels)`, {
        maxDepth: MAX_INPUT_DEPTH,
      });
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_NAMES.has(key)) {
        throw ApiError.badRequest('Validation failed', { fields: { [field]: [`property ${key} should not exist`] } });
      }
      pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: field });
    }
  }
}

export function validationException(errors: ValidationError[]): ApiError {
  const { fields, onlyDomainRules } = describeValidationErrors(errors);
  return new ApiError(onlyDomainRules ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST, 'Validation failed', {
    fields,
  });
}

/**
 * The global pipe. In a body an out-of-range enum is a domain rule (422); in the query string
 * every failure is a bad query parameter (400).
 */
class ContractValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') checkInputShape(value);
    if (metadata.type === 'query' && metadata.metatype) refuseRepeatedParameters(value, metadata.metatype);
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
    // The value is read to tell a missing field and a wrong type apart; it never reaches a response.
    validationError: { target: false, value: true },
    exceptionFactory: validationException,
  });
}
