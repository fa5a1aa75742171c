import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error';

/** Messages for the unique constraints a client can trip; anything else is generic. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  wards_tenant_name_key: 'A ward with this name already exists',
  categories_tenant_slug_key: 'A category with this slug already exists',
  users_tenant_email_key: 'A user with this email already exists',
  tenants_slug_key: 'A tenant with this slug already exists',
  api_keys_key_hash_key: 'An API key with this hash already exists; try again',
};

/** Node socket errors that mean the server cannot be reached. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * SQLSTATE classes that mean "the database cannot serve you now", not "your request is bad":
 * 08 connection exception, 28 login refused, 53 insufficient resources, 57P operator
 * intervention (shutdown, terminated session); 57014 a statement cut off by statement_timeout,
 * 55P03 a lock not granted within lock_timeout, 25P03 a session ended by
 * idle_in_transaction_session_timeout.
 */
const UNAVAILABLE_SQLSTATE = /^(08|28|53|57P|57014$|55P03$|25P03$)/;

/** 40P01 deadlock, 40001 serialisation failure: the transaction may succeed if run again. */
const TRANSIENT_CONFLICT_CODES = new Set(['40P01', '40001']);

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
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection is not established/i.test(
        message,
      ))
  );
}

const sqlStateOf = (error: unknown): string | undefined => {
  const fields = (error ?? {}) as PgErrorFields;
  return fields.driverError?.code ?? fields.code;
};

export function isTransientConflict(error: unknown): boolean {
  return TRANSIENT_CONFLICT_CODES.has(sqlStateOf(error) ?? '');
}

export function describeDatabaseError(error: unknown): DescribedDatabaseError {
  const fields = (error ?? {}) as PgErrorFields;
  const code = sqlStateOf(error);
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
    case '40P01':
    case '40001':
      return {
        status: HttpStatus.CONFLICT,
        code,
        message: 'Another change to the same data happened at the same time; retry',
      };
    case '23502':
      return { status: HttpStatus.BAD_REQUEST, code, message: 'A required field is missing or null' };
    default:
      // Class 22 is "data exception": a value PostgreSQL cannot take (bad encoding, out of range).
      if (code?.startsWith('22')) return { status: HttpStatus.BAD_REQUEST, code, message: 'Invalid value' };
      return { status: HttpStatus.INTERNAL_SERVER_ERROR, code };
  }
}

/**
 * Runs `work`; a database error the caller caused (duplicate, dangling reference, broken rule)
 * becomes the `ApiError` the HTTP filter would answer with, its message taken from `messages`
 * by constraint name when given. Anything else is rethrown as it is.
 */
export async function withDatabaseErrorMessages<T>(
  messages: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const described = describeDatabaseError(error);
    if (described.status >= 500 || !described.message) throw error;
    const fields = error as PgErrorFields;
    const constraint = fields.driverError?.constraint ?? fields.constraint ?? '';
    throw new ApiError(described.status, messages[constraint] ?? described.message);
  }
}
