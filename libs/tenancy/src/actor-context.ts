import { Injectable } from '@nestjs/common';
import type { ActorType } from '@wardline/database';
import { ClsService } from 'nestjs-cls';

/** Who is making a change: an API key (and its owner), a dashboard user, or the system. */
export interface Actor {
  type: ActorType;
  id: string | null;
  name: string;
  /** An API key's display prefix. */
  prefix: string | null;
  ownerId: string | null;
  ownerName: string | null;
}

/** Where a change came from, when it came over HTTP. */
export interface RequestOrigin {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

const ACTOR = Symbol('wardline.actor');
const ORIGIN = Symbol('wardline.origin');
const NO_ORIGIN: RequestOrigin = { requestId: null, ip: null, userAgent: null };

export class MissingActorError extends Error {
  constructor() {
    super('No actor: a change may only be made by an authenticated request or inside ActorContext.run()');
  }
}

/** The system acting on its own: the operator CLI (named by the OS user) or a background job. */
export const systemActor = (name: string): Actor => ({
  type: 'system',
  id: null,
  name,
  prefix: null,
  ownerId: null,
  ownerName: null,
});

/**
 * The actor of the current unit of work, held in AsyncLocalStorage beside the tenant. Reading
 * it outside a context throws, so nothing is ever recorded without someone to answer for it.
 */
@Injectable()
export class ActorContext {
  constructor(private readonly cls: ClsService) {}

  get actor(): Actor {
    const actor = this.cls.isActive() ? (this.cls.get(ACTOR) as Actor | undefined) : undefined;
    if (!actor) throw new MissingActorError();
    return actor;
  }

  get origin(): RequestOrigin {
    return (this.cls.isActive() ? (this.cls.get(ORIGIN) as RequestOrigin | undefined) : undefined) ?? NO_ORIGIN;
  }

  /** Binds the current request's context (the auth guard does this). */
  enter(actor: Actor, origin: RequestOrigin = NO_ORIGIN): void {
    this.cls.set(ACTOR, actor);
    this.cls.set(ORIGIN, origin);
  }

  /** Runs work as `actor` in a fresh context: the CLI, jobs, tests. */
  run<T>(actor: Actor, work: () => Promise<T>): Promise<T> {
    return this.cls.run({ ifNested: 'inherit' }, () => {
      this.enter(actor);
      return work();
    });
  }
}
