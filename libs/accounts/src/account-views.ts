import type { ApiKey, Plan, Role, Tenant, TenantStatus, User } from '@wardline/database';

/** What the operator sees of a tenant (contract §5: `{id,name,slug,plan,status}`). */
export interface TenantView {
  id: string;
  name: string;
  slug: string;
  plan: Plan;
  status: TenantStatus;
}

/** A user as the API and the CLI show one: never the password hash or any other secret. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  enabled: boolean;
  wardIds: string[];
  party: string | null;
  publicEmail: string | null;
  bio: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Shown once, at creation: the only time the key itself exists outside the caller's hands. */
export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
}

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export interface ApiKeyListItem {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  owner: { id: string; name: string; email: string };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: ApiKeyStatus;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toTenantView(tenant: Tenant): TenantView {
  return { id: tenant.id, name: tenant.name, slug: tenant.slug, plan: tenant.plan, status: tenant.status };
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    enabled: user.enabled,
    wardIds: user.wardIds ?? [],
    party: user.party ?? null,
    publicEmail: user.publicEmail ?? null,
    bio: user.bio ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** Revoked wins over expired: a revoked key stays revoked whatever its expiry says. */
export function apiKeyStatusOf(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now = new Date()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export function toApiKeyListItem(
  key: ApiKey,
  owner: Pick<User, 'id' | 'name' | 'email'> | undefined,
  now = new Date(),
): ApiKeyListItem {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    owner: owner ? { id: owner.id, name: owner.name, email: owner.email } : { id: key.ownerId, name: '', email: '' },
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: iso(key.lastUsedAt),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    status: apiKeyStatusOf(key, now),
  };
}
