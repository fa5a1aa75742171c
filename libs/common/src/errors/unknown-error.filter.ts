import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from './database-error';
import { defaultMessage } from './error-body';
import { sendError } from './send-error';

/** Last resort: whatever else was thrown. Never shows a stack or SQL. */
@Catch()
export class UnknownErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('UnhandledError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status = isDatabaseUnavailable(exception) ? 503 : 500;
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    sendError(reply, status, { error: defaultMessage(status) });
  }
}
