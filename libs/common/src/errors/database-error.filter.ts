import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { defaultMessage } from './error-body';
import { sendError } from './send-error';
import { describeDatabaseError } from './database-error';

/** PostgreSQL errors that reach the edge: constraint violations become contract errors. */
@Catch(QueryFailedError)
export class DatabaseErrorFilter implements ExceptionFilter<QueryFailedError> {
  private readonly logger = new Logger('DatabaseError');

  catch(exception: QueryFailedError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const described = describeDatabaseError(exception);
    if (described.status >= 500) {
      this.logger.error({ code: described.code, message: exception.message });
    }
    const message = described.message ?? defaultMessage(described.status);
    sendError(reply, described.status, { error: message });
  }
}
