import { OperatorError } from './operator-error';

interface PgErrorFields {
  code?: string;
  constraint?: string;
  driverError?: { code?: string; constraint?: string };
}

/** What a unique constraint means to an operator, when the caller has nothing more specific. */
const UNIQUE_MESSAGES: Record<string, string> = {
  tenants_slug_key: 'A tenant with this slug already exists',
  users_tenant_email_key: 'A user with this email already exists in this tenant',
  wards_tenant_name_key: 'A ward with this name already exists in this tenant',
  categories_tenant_slug_key: 'A category with this slug already exists in this tenant',
  api_keys_key_hash_key: 'An API key with this hash already exists; try again',
};

/**
 * Turns the PostgreSQL errors an operator can cause (duplicates, dangling references, broken
 * checks) into an `OperatorError`; anything else is returned unchanged for the caller to throw.
 * `uniqueMessages` names the offending value for a constraint, e.g. the slug that was taken.
 */
export function toOperatorError(error: unknown, uniqueMessages: Record<string, string> = {}): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const fields = error as PgErrorFields;
  const code = fields.driverError?.code ?? fields.code;
  const constraint = fields.driverError?.constraint ?? fields.constraint ?? '';
  switch (code) {
    case '23505':
      return new OperatorError(
        uniqueMessages[constraint] ?? UNIQUE_MESSAGES[constraint] ?? 'This record already exists',
        'conflict',
      );
    case '23503':
      return new OperatorError('A referenced record does not exist in this tenant', 'invalid');
    case '23514':
      return new OperatorError(`A value breaks a database rule (${constraint || 'check constraint'})`, 'invalid');
    default:
      return error;
  }
}

/** Runs `work`, rethrowing database errors through `toOperatorError`. */
export async function mappingDatabaseErrors<T>(
  work: () => Promise<T>,
  uniqueMessages: Record<string, string> = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toOperatorError(error, uniqueMessages);
  }
}
