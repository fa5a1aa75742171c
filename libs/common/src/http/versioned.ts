import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { etagOf, parseIfMatch } from './etag';

/** A single resource and its version: it is sent as the body with `ETag: W/"<version>"` (`sendVersionsAsETags`). */
export class Versioned<T> {
  constructor(
    readonly body: T,
    readonly version: number,
  ) {}
}

export const versioned = <T>(body: T, version: number): Versioned<T> => new Versioned(body, version);

/**
 * A route that returns a `Versioned` answers with its body and `ETag: W/"<version>"`. Done as the
 * answer is serialised, on every route at once, rather than by an interceptor that every
 * request would pass through.
 */
export function sendVersionsAsETags(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (_request, reply, payload, done) => {
    if (!(payload instanceof Versioned)) return done(null, payload);
    void reply.header('ETag', etagOf(payload.version));
    done(null, payload.body);
  });
}

/** `@IfMatch() expectedVersion: number | undefined`: the version an `If-Match` header asks for (400 if malformed). */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined => {
  const header = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  return parseIfMatch(Array.isArray(header) ? header.join(',') : header);
});
