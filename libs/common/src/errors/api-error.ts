import { HttpException, HttpStatus } from '@nestjs/common';

export type ErrorDetails = Record<string, unknown>;

/** The contract's error envelope: `{ error, details? }`. */
export interface ErrorBody {
  error: string;
  details?: ErrorDetails;
}

/**
 * The one way to answer with a contract error. Headers (e.g. WWW-Authenticate) travel with
 * the exception so the filter can write them.
 */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    message: string,
    readonly details?: ErrorDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(details ? { error: message, details } : { error: message }, status);
    this.message = message;
  }

  static badRequest(message: string, details?: ErrorDetails): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, message, details);
  }

  static notFound(resource: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, `${resource} not found`);
  }

  static conflict(message: string, details?: ErrorDetails): ApiError {
    return new ApiError(HttpStatus.CONFLICT, message, details);
  }

  static unprocessable(message: string, details?: ErrorDetails): ApiError {
    return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, message, details);
  }
}
