import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiError, type ErrorBody } from './api-error';

const DEFAULT_MESSAGES: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad request',
  [HttpStatus.NOT_FOUND]: 'Not found',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'Request body is larger than 1 MiB',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'Content-Type must be application/json',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Rate limit exceeded',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service unavailable, retry later',
};

export function defaultMessage(status: number): string {
  if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) return 'Internal server error';
  return DEFAULT_MESSAGES[status] ?? 'Request failed';
}

/** Turns any HttpException (ours or Nest's built-ins) into the contract envelope. */
export function errorBodyOf(exception: HttpException): ErrorBody {
  if (exception instanceof ApiError) return exception.getResponse() as ErrorBody;
  const status = exception.getStatus();
  if (status < 500 && exception.message) return { error: exception.message };
  return { error: defaultMessage(status) };
}
