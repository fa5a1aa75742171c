import { type NestInterceptor, RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RouteAccessMetadata } from '@wardline/auth';

export interface RouteFacts {
  method: RequestMethod;
  handler: object;
  /**
   * Whether the request can be bound to a tenant before interceptors run: any route but a
   * `@Public()` one with no guard of its own (the key guard binds keyed requests, the
   * dashboard guard signed-in ones).
   */
  mayBindTenant: boolean;
}

/**
 * Gives each route, once, as the routes are registered, the interceptors that can do something
 * on it (in the order given), instead of global interceptors that every request runs through
 * and most pass straight on. Call before `app.init()`.
 */
export function interceptRoutes(
  app: NestFastifyApplication,
  interceptorsOf: (route: RouteFacts) => (NestInterceptor | undefined)[],
): void {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const seen = new Set<object>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype: controller } of module.controllers.values()) {
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, object>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (seen.has(handler) || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        seen.add(handler);
        const targets = [handler as () => unknown, controller];
        const isPublic = reflector.getAllAndOverride(RouteAccessMetadata, targets)?.kind === 'public';
        const guarded = reflector.getAllAndMerge<unknown[]>(GUARDS_METADATA, targets).length > 0;
        const method =
          (Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined) ?? RequestMethod.GET;
        const own = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
        const chosen = interceptorsOf({ method, handler, mayBindTenant: !isPublic || guarded }).filter(Boolean);
        Reflect.defineMetadata(INTERCEPTORS_METADATA, [...chosen, ...own], handler);
      }
    }
  }
}
