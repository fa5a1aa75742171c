import {
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { etagOf, parseIfMatch } from './etag';

/** A single resource and its version: the ETag interceptor sends the body with `ETag: W/"<version>"`. */
export class Versioned<T> {
  constructor(
    readonly body: T,
    readonly version: number,
  ) {}
}

export const versioned = <T>(body: T, version: number): Versioned<T> => new Versioned(body, version);

/** Unwraps a `Versioned` result into its body and the `ETag` header, on every route at once. */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result: unknown) => {
        if (!(result instanceof Versioned)) return result;
        void context.switchToHttp().getResponse<FastifyReply>().header('ETag', etagOf(result.version));
        return result.body as unknown;
      }),
    );
  }
}

/** `@IfMatch() expectedVersion: number | undefined`: the version an `If-Match` header asks for (400 if malformed). */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined => {
  const header = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  return parseIfMatch(Array.isArray(header) ? header.join(',') : header);
});
