import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { PrincipalContext } from '@wardline/auth';
import { ApiError, etagOf, Versioned } from '@wardline/common';
import { TenantContext } from '@wardline/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { IdempotencyStore } from './idempotency-store';
import { requestFingerprint } from './request-fingerprint';

const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
/** Headers of the first answer that a replay repeats. */
const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * `Idempotency-Key` on any authenticated POST (contract §8): the first answer is kept 24 h and
 * replayed to a retry with the same body (`Idempotent-Replayed: true`); another body is 422,
 * an attempt while the first still runs is 409. Registered before the tenant transaction, so
 * the claim is committed on its own and the answer is stored only once the work is committed.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly principals: PrincipalContext,
    private readonly tenant: TenantContext,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !this.tenant.isSet) return next.handle();
    if (typeof key !== 'string' || !VALID_KEY.test(key)) {
      throw ApiError.badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.once(key, request, reply, status, next));
  }

  private async once(key: string, request: FastifyRequest, reply: FastifyReply, status: number, next: CallHandler) {
    const apiKeyId = this.principals.current.key.id;
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const earlier = await this.store.claim(apiKeyId, key, fingerprint);
    if (earlier !== 'claimed') {
      if (!earlier.requestHash.equals(fingerprint)) {
        throw ApiError.unprocessable('Idempotency-Key was already used with a different request');
      }
      if (earlier.status === null) throw ApiError.conflict('A request with this Idempotency-Key is still in progress');
      for (const [name, value] of Object.entries(earlier.headers)) void reply.header(name, value);
      void reply.header('Idempotent-Replayed', 'true').status(earlier.status);
      return earlier.body;
    }

    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.store.release(apiKeyId, key).catch(() => undefined);
      throw error;
    }
    const headers: Record<string, string> = Object.fromEntries(
      REPLAYED_HEADERS.flatMap((name) => {
        const value = reply.getHeader(name);
        return value === undefined ? [] : [[name, String(value)]];
      }),
    );
    // A versioned answer gets its ETag as it is sent (`sendVersionsAsETags`): a replay repeats both.
    if (body instanceof Versioned) headers.etag = etagOf(body.version);
    await this.store.complete(apiKeyId, key, status, body instanceof Versioned ? body.body : body, headers);
    return body;
  }
}
