import { displayPrefixOf, generateApiKey, hashApiKey } from '@wardline/auth/api-key-format';
import { ApiKey, type Tenant, User } from '@wardline/database';
import { type EntityManager, In } from 'typeorm';
import { checkScopesForPlan } from './api-key-scope-check';
import { mappingDatabaseErrors } from './database-error-mapper';
import { isUuid, requireText } from './input-rules';
import { OperatorError } from './operator-error';
import { type ApiKeyListItem, type CreatedApiKey, toApiKeyListItem } from './operator-views';
import type { UserOperations } from './user-operations';

export interface NewApiKeyFields {
  /** A user id or email of the tenant: whose role bounds what the key may do. */
  owner: string;
  name: string;
  scopes: string[];
  expiresAt?: Date;
  /** A user id of the tenant, recorded as the key's creator. */
  createdBy?: string;
}

/** API keys: created with a plan check, listed with their status, revoked for good. */
export class ApiKeyOperations {
  constructor(
    private readonly manager: EntityManager,
    private readonly users: UserOperations,
  ) {}

  private get keys() {
    return this.manager.getRepository(ApiKey);
  }

  async create(tenant: Tenant, fields: NewApiKeyFields): Promise<CreatedApiKey> {
    const name = requireText(fields.name, 'Key name');
    const scopes = checkScopesForPlan(fields.scopes, tenant.plan);
    const expiresAt = fields.expiresAt ?? null;
    if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new OperatorError('expiresAt is not a valid date');
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new OperatorError(`expiresAt must be in the future (got ${expiresAt.toISOString()})`, 'invalid');
    }
    const owner = await this.users.requireInTenant(tenant, fields.owner);
    if (!owner.enabled) throw new OperatorError(`Owner ${owner.email} is disabled`, 'refused');
    const createdBy =
      fields.createdBy === undefined ? null : (await this.users.requireInTenant(tenant, fields.createdBy)).id;

    const key = generateApiKey();
    const row = this.keys.create({
      tenantId: tenant.id,
      ownerId: owner.id,
      name,
      prefix: displayPrefixOf(key),
      keyHash: hashApiKey(key),
      scopes,
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
      createdBy,
    });
    const saved = await mappingDatabaseErrors(() => this.keys.save(row));
    return {
      id: saved.id,
      key,
      prefix: saved.prefix,
      scopes: saved.scopes,
      expiresAt: saved.expiresAt ? saved.expiresAt.toISOString() : null,
    };
  }

  /** Newest first, with each key's owner. */
  async list(tenant: Tenant): Promise<ApiKeyListItem[]> {
    const keys = await this.keys.find({ where: { tenantId: tenant.id }, order: { createdAt: 'DESC', id: 'DESC' } });
    return this.withOwners(keys);
  }

  /**
   * Sets `revoked_at` once; revoking again keeps the first time. The `api_keys_auth_changed`
   * trigger tells every running API instance, which then refuses the key.
   */
  async revoke(keyId: string): Promise<ApiKeyListItem> {
    const id = keyId.trim().toLowerCase();
    if (!isUuid(id)) throw new OperatorError(`No API key with id "${keyId}"`, 'not_found');
    await this.keys
      .createQueryBuilder()
      .update(ApiKey)
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    const key = await this.keys.findOneBy({ id });
    if (!key) throw new OperatorError(`No API key with id "${keyId}"`, 'not_found');
    const [item] = await this.withOwners([key]);
    return item;
  }

  private async withOwners(keys: ApiKey[]): Promise<ApiKeyListItem[]> {
    if (keys.length === 0) return [];
    const ownerIds = [...new Set(keys.map((key) => key.ownerId))];
    const owners = await this.manager.getRepository(User).findBy({ id: In(ownerIds) });
    const byId = new Map(owners.map((owner) => [owner.id, owner]));
    const now = new Date();
    return keys.map((key) => toApiKeyListItem(key, byId.get(key.ownerId), now));
  }
}
