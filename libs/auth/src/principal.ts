import { createParamDecorator, Injectable } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import { ClsService } from 'nestjs-cls';
import type { Plan, Role, TenantStatus } from '@wardline/database';

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

@Injectable()
export class PrincipalContext {
  constructor(private readonly cls: ClsService) {}

  get current(): Principal {
    const principal = this.cls.isActive() ? (this.cls.get(PRINCIPAL) as Principal | undefined) : undefined;
    if (!principal) throw new Error('No principal: this code runs outside an authenticated request');
    return principal;
  }

  enter(principal: Principal): void {
    this.cls.set(PRINCIPAL, principal);
  }
}

/** `@CurrentPrincipal() principal: Principal` in a controller. */
export const CurrentPrincipal = createParamDecorator((): Principal => {
  const principal = ClsServiceManager.getClsService().get(PRINCIPAL) as Principal | undefined;
  if (!principal) throw new Error('No principal: route is not behind the API key guard');
  return principal;
});

/** Who did something, as recorded in timelines and logs: the key, and the user who owns it. */
export interface Actor {
  type: 'api_key' | 'user' | 'system';
  id: string | null;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
}

export const actorOf = ({ key, owner }: Principal): Actor => ({
  type: 'api_key',
  id: key.id,
  name: key.name,
  ownerId: owner.id,
  ownerName: owner.name,
});
