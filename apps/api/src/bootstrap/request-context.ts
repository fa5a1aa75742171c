import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ClsService, ClsServiceManager } from 'nestjs-cls';

const REQUEST = Symbol('wardline.request');

/**
 * Every request runs in a context of its own (nestjs-cls's AsyncLocalStorage), entered by an
 * `onRequest` hook, so what the guard binds — tenant, actor, key — belongs to that request alone.
 * A plain Fastify hook: nestjs-cls's Nest middleware needed @fastify/middie and awaited its
 * plugin and proxy hooks (none used here) on every request.
 */
export function runRequestsInContext(fastify: FastifyInstance, cls: ClsService): void {
  fastify.addHook('onRequest', (request, _reply, done) => cls.runWith({ [REQUEST]: request }, done));
}

/** The request the caller is running for, if it runs for one. */
export function currentRequest(): FastifyRequest | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? (cls.get(REQUEST) as FastifyRequest | undefined) : undefined;
}
