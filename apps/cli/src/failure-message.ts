import { HttpException } from '@nestjs/common';
import { describeDatabaseError, isDatabaseUnavailable } from '@wardline/common/errors/database-error';
import { CliError } from './cli-error';

interface ErrorFields {
  code?: unknown;
  severity?: unknown;
  errors?: unknown;
  driverError?: { severity?: unknown; message?: unknown };
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(messageOf).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** The one line on stderr for a failed command: never a stack trace, never SQL. */
export function failureMessage(error: unknown): string {
  if (error instanceof HttpException || error instanceof CliError) return oneLine(error.message);
  const described = describeDatabaseError(error);
  if (described.status < 500 && described.message) return described.message;
  const fields = (typeof error === 'object' && error !== null ? error : {}) as ErrorFields;
  const message = oneLine(messageOf(error));
  if (error instanceof AggregateError || isDatabaseUnavailable(error)) {
    return `Cannot reach the database: ${message}`;
  }
  if (fields.severity !== undefined || fields.driverError?.severity !== undefined) {
    return `Database error: ${message}`;
  }
  return `Unexpected error: ${message}`;
}
