import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { defaultMessage, errorBodyOf, isDatabaseUnavailable } from '@wardline/common';
import type { FastifyReply } from 'fastify';
import { SIGN_IN_PATH } from './admin-paths';
import { SignInRequired } from './dashboard.guard';
import { errorPage } from './pages/error.page';

/** The dashboard answers in pages, not JSON: a sign-in redirect, or an error page with its status. */
@Catch()
export class AdminPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('Dashboard');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof SignInRequired) {
      void reply.status(303).header('Location', SIGN_IN_PATH).send();
      return;
    }
    let status: number;
    let message: string;
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      message = errorBodyOf(exception).error;
    } else {
      status = isDatabaseUnavailable(exception) ? 503 : 500;
      message = defaultMessage(status);
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    }
    void reply.status(status).header('Content-Type', 'text/html; charset=utf-8').send(errorPage(status, message));
  }
}
