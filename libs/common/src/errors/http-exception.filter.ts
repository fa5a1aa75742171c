import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from './api-error';
import { errorBodyOf } from './error-body';
import { sendError } from './send-error';

@Catch(HttpException)
export class HttpExceptionFilter implements ExceptionFilter<HttpException> {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const headers = exception instanceof ApiError ? exception.headers : {};
    sendError(reply, exception.getStatus(), errorBodyOf(exception), headers);
  }
}
