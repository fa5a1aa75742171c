import { createParamDecorator, Injectable } from '@nestjs/common';
import { ClsService, ClsServiceManager } from 'nestjs-cls';
import type { Plan, Role, TenantStatus } from '@wardline/database';
import type { Actor } from '@wardline/tenancy';

/** Who is calling: the key, its tenant and its owner, as verified by the guard. */
export interface Principal {
  tenant: { id: string; name: string; slug: string; plan: Plan; status: TenantStatus };
  key: {
    id: string;
    name: string;
    prefix: string;
    scopes: string[];
    expiresAt: Date | null;
    revokedAt: Date | null;
    createdAt: Date;
  };
  owner: { id: string; name: string; role: Role; enabled: boolean };
}

const PRINCIPAL = Symbol('wardline.principal');

function principalIn(cls: ClsService): Principal {
  const principal = cls.isActive() ? (cls.get(PRINCIPAL) as Principal | undefined) : undefined;
  if (!principal) throw new Error('No principal: this code runs outside an authenticated request');
  return principal;
}

@Injectable()
export class PrincipalContext {
  constructor(private readonly cls: ClsService) {}

  get current(): Principal {
    return principalIn(this.cls);
  }

  enter(principal: Principal): void {
    this.cls.set(PRINCIPAL, principal);
  }
}

/** `@CurrentPrincipal() principal: Principal` in a controller. */
export const CurrentPrincipal = createParamDecorator((): Principal => principalIn(ClsServiceManager.getClsService()));

/** The key as the actor of what it changes, answering for its owner. */
export const actorOf = ({ key, owner }: Principal): Actor => ({
  type: 'api_key',
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  ownerId: owner.id,
  ownerName: owner.name,
});
