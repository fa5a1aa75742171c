import { HttpStatus } from '@nestjs/common';

/** Messages for the unique constraints a client can trip; anything else is generic. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  wards_tenant_name_key: 'A ward with this name already exists',
  categories_tenant_slug_key: 'A category with this slug already exists',
  users_tenant_email_key: 'A user with this email already exists',
  tenants_slug_key: 'A tenant with this slug already exists',
};

/** Node socket errors that mean the server cannot be reached. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
/**
 * SQLSTATE classes that mean "the database cannot serve you now", not "your request is bad":
 * 08 connection exception, 28 login refused, 53 insufficient resources, 57P operator
 * intervention (shutdown, terminated session).
 */
const UNAVAILABLE_SQLSTATE = /^(08|28|53|57P)/;

export interface DescribedDatabaseError {
  status: HttpStatus;
  code?: string;
  message?: string;
}

interface PgErrorFields {
  code?: string;
  constraint?: string;
  driverError?: { code?: string; constraint?: string };
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, driverError } = error as PgErrorFields;
  const message = (error as { message?: unknown }).message;
  return (
    [code, driverError?.code].some(
      (candidate) =>
        candidate !== undefined && (UNREACHABLE_CODES.has(candidate) || UNAVAILABLE_SQLSTATE.test(candidate)),
    ) ||
    (typeof message === 'string' &&
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i.test(
        message,
      ))
  );
}

export function describeDatabaseError(error: unknown): DescribedDatabaseError {
  const fields = (error ?? {}) as PgErrorFields;
  const code = fields.driverError?.code ?? fields.code;
  const constraint = fields.driverError?.constraint ?? fields.constraint;
  if (isDatabaseUnavailable(error)) return { status: HttpStatus.SERVICE_UNAVAILABLE, code };
  switch (code) {
    case '23505':
      return {
        status: HttpStatus.CONFLICT,
        code,
        message: CONSTRAINT_MESSAGES[constraint ?? ''] ?? 'Resource already exists',
      };
    case '23503':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        code,
        message: 'A referenced resource does not exist in this tenant',
      };
    case '23514':
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, code, message: 'Value breaks a domain rule' };
    case '23502':
      return { status: HttpStatus.BAD_REQUEST, code, message: 'A required field is missing or null' };
    default:
      // Class 22 is "data exception": a value PostgreSQL cannot take (bad encoding, out of range).
      if (code?.startsWith('22')) return { status: HttpStatus.BAD_REQUEST, code, message: 'Invalid value' };
      return { status: HttpStatus.INTERNAL_SERVER_ERROR, code };
  }
}
