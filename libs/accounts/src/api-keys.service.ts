import { HttpStatus, Injectable } from '@nestjs/common';
import { displayPrefixOf, generateApiKey, hashApiKey } from '@wardline/auth/api-key-format';
import { ChangeRecorder } from '@wardline/changes';
import { ApiError, withDatabaseErrorMessages } from '@wardline/common';
import { ApiKey, type Tenant, User } from '@wardline/database';
import { TenantTransaction } from '@wardline/tenancy';
import { In } from 'typeorm';
import { type ApiKeyListItem, type CreatedApiKey, toApiKeyListItem } from './account-views';
import { checkScopesForPlan } from './api-key-scope-check';
import { isUuid, requireText } from './input-rules';
import { UserAccountsService } from './user-accounts.service';

export interface NewApiKeyFields {
  /** A user id or email of the tenant: whose role bounds what the key may do. */
  owner: string;
  name: string;
  scopes: string[];
  expiresAt?: Date;
  /** A user id of the tenant, recorded as the key's creator. */
  createdBy?: string;
}

export const MAX_ROTATION_GRACE_HOURS = 7 * 24;
/** A council with more keys than this sees its newest ones (lists are bounded). */
export const MAX_LISTED_KEYS = 1000;
const HOUR_MS = 3_600_000;

/** What the audit log keeps of a key: never the key or its hash. */
const auditedKey = (key: ApiKey) => ({
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  ownerId: key.ownerId,
  expiresAt: key.expiresAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

/** API keys: created within the plan, listed with their status, rotated, revoked for good. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly transaction: TenantTransaction,
    private readonly recorder: ChangeRecorder,
    private readonly users: UserAccountsService,
  ) {}

  async create(tenant: Tenant, fields: NewApiKeyFields): Promise<CreatedApiKey> {
    const name = requireText(fields.name, 'Key name');
    const scopes = checkScopesForPlan(fields.scopes, tenant.plan);
    const expiresAt = fields.expiresAt ?? null;
    if (expiresAt && Number.isNaN(expiresAt.getTime())) throw ApiError.unprocessable('expiresAt is not a valid date');
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw ApiError.unprocessable(`expiresAt must be in the future (got ${expiresAt.toISOString()})`);
    }
    const owner = await this.users.requireInTenant(tenant, fields.owner);
    if (!owner.enabled) throw ApiError.unprocessable(`Owner ${owner.email} is disabled`);
    const createdBy =
      fields.createdBy === undefined ? null : (await this.users.requireInTenant(tenant, fields.createdBy)).id;
    return this.transaction.runFor(tenant.id, () =>
      this.issue(tenant.id, { name, scopes, expiresAt, ownerId: owner.id, createdBy }, 'api_key.created'),
    );
  }

  /** Newest first, with each key's owner; at most the newest `MAX_LISTED_KEYS`. */
  async list(tenant: Tenant): Promise<ApiKeyListItem[]> {
    return this.transaction.runFor(tenant.id, async () => {
      const keys = await this.keys.find({
        where: { tenantId: tenant.id },
        order: { createdAt: 'DESC', id: 'DESC' },
        take: MAX_LISTED_KEYS,
      });
      return this.withOwners(keys);
    });
  }

  /**
   * Sets `revoked_at` once; revoking again keeps the first time. The `api_keys_auth_changed`
   * trigger tells every running API instance, which then refuses the key.
   */
  async revoke(keyId: string, within?: Tenant): Promise<ApiKeyListItem> {
    const found = await this.find(keyId, within);
    return this.transaction.runFor(found.tenantId, async () => {
      const key = await this.locked(found.id);
      if (!key.revokedAt) {
        const before = auditedKey(key);
        key.revokedAt = new Date();
        await this.keys.save(key);
        await this.recorder.record({
          action: 'api_key.revoked',
          resourceType: 'api_key',
          resourceId: key.id,
          before,
          after: auditedKey(key),
        });
      }
      const [item] = await this.withOwners([key]);
      return item;
    });
  }

  /**
   * A new key with the same name, owner, scopes and expiry; the old one is revoked at once, or
   * expires after `graceHours` (at most a week) so integrations can switch over.
   */
  async rotate(keyId: string, graceHours = 0, within?: Tenant): Promise<CreatedApiKey & { replaces: ApiKeyListItem }> {
    if (!Number.isFinite(graceHours) || graceHours < 0 || graceHours > MAX_ROTATION_GRACE_HOURS) {
      throw ApiError.unprocessable(`grace hours must be from 0 to ${MAX_ROTATION_GRACE_HOURS}`);
    }
    const found = await this.find(keyId, within);
    return this.transaction.runFor(found.tenantId, async () => {
      const old = await this.locked(found.id);
      if (old.revokedAt || (old.expiresAt && old.expiresAt.getTime() <= Date.now())) {
        throw ApiError.unprocessable(`API key ${old.prefix}… is no longer active and cannot be rotated`);
      }
      const before = auditedKey(old);
      const created = await this.issue(
        old.tenantId,
        {
          name: old.name,
          scopes: old.scopes,
          expiresAt: old.expiresAt,
          ownerId: old.ownerId,
          createdBy: old.createdBy,
        },
        'api_key.created',
      );
      const graceEnd = new Date(Date.now() + graceHours * HOUR_MS);
      if (graceHours === 0) old.revokedAt = new Date();
      else if (!old.expiresAt || old.expiresAt > graceEnd) old.expiresAt = graceEnd;
      await this.keys.save(old);
      await this.recorder.record({
        action: 'api_key.rotated',
        resourceType: 'api_key',
        resourceId: old.id,
        before,
        after: { ...auditedKey(old), replacedBy: created.id },
      });
      const [replaces] = await this.withOwners([old]);
      return { ...created, replaces };
    });
  }

  private get keys() {
    return this.transaction.manager.getRepository(ApiKey);
  }

  private async issue(
    tenantId: string,
    fields: Pick<ApiKey, 'name' | 'scopes' | 'expiresAt' | 'ownerId' | 'createdBy'>,
    action: string,
  ): Promise<CreatedApiKey> {
    const key = generateApiKey();
    const saved = await withDatabaseErrorMessages({}, () =>
      this.keys.save(
        this.keys.create({
          ...fields,
          tenantId,
          prefix: displayPrefixOf(key),
          keyHash: hashApiKey(key),
          revokedAt: null,
          lastUsedAt: null,
        }),
      ),
    );
    await this.recorder.record({ action, resourceType: 'api_key', resourceId: saved.id, after: auditedKey(saved) });
    return {
      id: saved.id,
      key,
      prefix: saved.prefix,
      scopes: saved.scopes,
      expiresAt: saved.expiresAt ? saved.expiresAt.toISOString() : null,
    };
  }

  /**
   * The key and its tenant: looked up anywhere when the operator names only the key, or only
   * among `within`'s keys (a dashboard admin), so another tenant's key id is not found.
   */
  private async find(keyId: string, within?: Tenant): Promise<Pick<ApiKey, 'id' | 'tenantId'>> {
    const id = keyId.trim().toLowerCase();
    const select = { id: true, tenantId: true } as const;
    const key = !isUuid(id)
      ? null
      : within
        ? await this.transaction.runFor(within.id, () =>
            this.keys.findOne({ where: { id, tenantId: within.id }, select }),
          )
        : await this.transaction.dataSource.getRepository(ApiKey).findOne({ where: { id }, select });
    if (!key) throw new ApiError(HttpStatus.NOT_FOUND, `No API key with id "${keyId}"`);
    return key;
  }

  private locked(id: string): Promise<ApiKey> {
    return this.keys.findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async withOwners(keys: ApiKey[]): Promise<ApiKeyListItem[]> {
    if (keys.length === 0) return [];
    const ownerIds = [...new Set(keys.map((key) => key.ownerId))];
    const owners = await this.transaction.manager.getRepository(User).findBy({ id: In(ownerIds) });
    const byId = new Map(owners.map((owner) => [owner.id, owner]));
    const now = new Date();
    return keys.map((key) => toApiKeyListItem(key, byId.get(key.ownerId), now));
  }
}
