import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from './database-error';
import { defaultMessage } from './error-body';
import { sendError } from './send-error';

/** Fastify's request deadline (`handlerTimeout`) passed before the handler answered. */
const isPastRequestDeadline = (exception: unknown) =>
  (exception as { code?: unknown } | null)?.code === 'FST_ERR_HANDLER_TIMEOUT';

/**
 * A database that cannot answer, or work that outran the request deadline (almost always a
 * slow database), is a 503 the client may retry; anything else is our fault, a 500.
 */
export function statusOfUnhandled(exception: unknown): 500 | 503 {
  return isDatabaseUnavailable(exception) || isPastRequestDeadline(exception) ? 503 : 500;
}

/** Last resort: whatever else was thrown. Never shows a stack or SQL. */
@Catch()
export class UnknownErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('UnhandledError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status = statusOfUnhandled(exception);
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    sendError(reply, status, { error: defaultMessage(status) });
  }
}
