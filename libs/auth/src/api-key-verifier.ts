import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Plan, Role, TenantStatus } from '@wardline/database';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { AuthChangeListener } from './auth-change-listener';
import type { Principal } from './principal';

interface AuthRow {
  key_id: string;
  key_name: string;
  key_prefix: string;
  key_scopes: string[];
  key_expires_at: Date | null;
  key_revoked_at: Date | null;
  key_created_at: Date;
  tenant_id: string;
  tenant_name: string;
  tenant_slug: string;
  tenant_plan: Plan;
  tenant_status: TenantStatus;
  owner_id: string;
  owner_name: string;
  owner_role: Role;
  owner_enabled: boolean;
}

const toPrincipal = (row: AuthRow): Principal => ({
  tenant: {
    id: row.tenant_id,
    name: row.tenant_name,
    slug: row.tenant_slug,
    plan: row.tenant_plan,
    status: row.tenant_status,
  },
  key: {
    id: row.key_id,
    name: row.key_name,
    prefix: row.key_prefix,
    scopes: row.key_scopes,
    expiresAt: row.key_expires_at,
    revokedAt: row.key_revoked_at,
    createdAt: row.key_created_at,
  },
  owner: { id: row.owner_id, name: row.owner_name, role: row.owner_role, enabled: row.owner_enabled },
});

/**
 * Finds the principal behind a key hash: in-process cache first, then one indexed query.
 * Cached entries are dropped the moment the database announces a change for their tenant;
 * while that announcement channel is down, nothing is served from the cache.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly cache = new LRUCache<string, Principal>({ max: 10_000, ttl: 60_000 });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: AuthChangeListener,
  ) {
    changes.onChange((tenantId) => this.forget(tenantId));
  }

  async find(keyHash: Buffer): Promise<Principal | undefined> {
    const cacheKey = keyHash.toString('base64');
    if (this.changes.connected) {
      const cached = this.cache.get(cacheKey);
      if (cached) return cached;
    }
    const rows = (await this.dataSource.query('SELECT * FROM wardline_authenticate($1)', [keyHash])) as AuthRow[];
    if (rows.length === 0) return undefined;
    const principal = toPrincipal(rows[0]);
    if (this.changes.connected) this.cache.set(cacheKey, principal);
    return principal;
  }

  private forget(tenantId: string | undefined): void {
    if (tenantId === undefined) return this.cache.clear();
    for (const [cacheKey, principal] of this.cache.entries()) {
      if (principal.tenant.id === tenantId) this.cache.delete(cacheKey);
    }
  }
}
