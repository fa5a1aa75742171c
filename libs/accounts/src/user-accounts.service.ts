import { HttpStatus, Injectable } from '@nestjs/common';
import { ChangeRecorder } from '@wardline/changes';
import { ApiError, withDatabaseErrorMessages } from '@wardline/common';
import { type Role, ROLES, type Tenant, User } from '@wardline/database';
import { TenantTransaction } from '@wardline/tenancy';
import { toUserView, type UserView } from './account-views';
import { isUuid, looksLikeEmail, requireOneOf, requireText } from './input-rules';
import { hashPassword } from './password-hasher';

/** What a user may change of their own public profile in the dashboard. */
export interface ProfileFields {
  name: string;
  party: string | null;
  publicEmail: string | null;
  bio: string | null;
}

/** A council has a few hundred users at most; the dashboard's owner list shows this many. */
export const MAX_LISTED_USERS = 500;
const MAX_BIO_LENGTH = 2000;

export interface NewUserFields {
  email: string;
  name: string;
  role: Role;
  password?: string;
  wardIds?: string[];
  party?: string | null;
  publicEmail?: string | null;
  bio?: string | null;
}

/** An optional profile text: empty means none. */
const optionalText = (value: string | null, label: string, max = 200) =>
  value === null || value.trim() === '' ? null : requireText(value, label, max);

/** A user snapshot for the audit log: the view, without timestamps. */
const auditedUser = ({ createdAt: _c, updatedAt: _u, ...fields }: UserView) => fields;

/** People of a council: created with a hashed password, found by id or email, disabled for good. */
@Injectable()
export class UserAccountsService {
  constructor(
    private readonly transaction: TenantTransaction,
    private readonly recorder: ChangeRecorder,
  ) {}

  async create(tenant: Tenant, fields: NewUserFields): Promise<UserView> {
    const email = requireText(fields.email, 'Email', 320);
    if (!looksLikeEmail(email)) throw ApiError.unprocessable(`Invalid email address "${email}"`);
    const name = requireText(fields.name, 'User name');
    const role = requireOneOf(fields.role, ROLES, 'role');
    const passwordHash = fields.password === undefined ? null : await hashPassword(fields.password);
    const messages = {
      users_tenant_email_key: `A user with email "${email}" already exists in tenant "${tenant.slug}"`,
    };
    return withDatabaseErrorMessages(messages, () =>
      this.transaction.runFor(tenant.id, async () => {
        const users = this.transaction.manager.getRepository(User);
        const user = await users.save(
          users.create({
            tenantId: tenant.id,
            email,
            name,
            role,
            enabled: true,
            passwordHash,
            wardIds: fields.wardIds ?? [],
            party: fields.party ?? null,
            publicEmail: fields.publicEmail ?? null,
            bio: fields.bio ?? null,
          }),
        );
        const view = toUserView(user);
        await this.recorder.record({
          action: 'user.created',
          resourceType: 'user',
          resourceId: user.id,
          after: auditedUser(view),
        });
        return view;
      }),
    );
  }

  /** A user of this tenant by id or email, or an error saying which it could not find. */
  async requireInTenant(tenant: Tenant, idOrEmail: string): Promise<User> {
    const key = idOrEmail.trim();
    if (!key.includes('@') && !isUuid(key)) {
      throw ApiError.unprocessable(`"${idOrEmail}" is neither a user id nor an email address`);
    }
    const user = await this.transaction.runFor(tenant.id, () => {
      const query = this.transaction.manager
        .getRepository(User)
        .createQueryBuilder('user')
        .where('user.tenantId = :tenantId', { tenantId: tenant.id });
      if (key.includes('@')) query.andWhere('lower(user.email) = lower(:email)', { email: key });
      else query.andWhere('user.id = :id', { id: key.toLowerCase() });
      return query.getOne();
    });
    if (!user) throw new ApiError(HttpStatus.NOT_FOUND, `No user "${idOrEmail}" in tenant "${tenant.slug}"`);
    return user;
  }

  /** The tenant's enabled users by name (at most `MAX_LISTED_USERS`): owners to choose from. */
  async listEnabled(tenant: Tenant): Promise<UserView[]> {
    return this.transaction.runFor(tenant.id, async () => {
      const users = await this.transaction.manager.getRepository(User).find({
        where: { tenantId: tenant.id, enabled: true },
        order: { name: 'ASC', id: 'ASC' },
        take: MAX_LISTED_USERS,
      });
      return users.map(toUserView);
    });
  }

  /** A user's public profile, changed by that user; announced to the council's webhooks. */
  async updateProfile(tenant: Tenant, userId: string, fields: ProfileFields): Promise<UserView> {
    const name = requireText(fields.name, 'Name');
    const party = optionalText(fields.party, 'Party');
    const publicEmail = optionalText(fields.publicEmail, 'Public email', 320);
    if (publicEmail && !looksLikeEmail(publicEmail)) {
      throw ApiError.unprocessable(`Invalid email address "${publicEmail}"`);
    }
    const bio = optionalText(fields.bio, 'Bio', MAX_BIO_LENGTH);
    return this.transaction.runFor(tenant.id, async () => {
      const users = this.transaction.manager.getRepository(User);
      const user = await users.findOne({
        where: { id: userId, tenantId: tenant.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw new ApiError(HttpStatus.NOT_FOUND, `No user with id "${userId}"`);
      const before = toUserView(user);
      Object.assign(user, { name, party, publicEmail, bio });
      const after = toUserView(await users.save(user));
      await this.recorder.record({
        action: 'user.profile_updated',
        resourceType: 'user',
        resourceId: user.id,
        before: auditedUser(before),
        after: auditedUser(after),
        events: [
          {
            type: 'councillor_profile_updated',
            data: { id: after.id, name, role: after.role, party, publicEmail, bio },
          },
        ],
      });
      return after;
    });
  }

  /** Idempotent: disabling a disabled user changes nothing. */
  async disable(userId: string): Promise<UserView> {
    const id = userId.trim().toLowerCase();
    const found = isUuid(id) ? await this.transaction.dataSource.getRepository(User).findOneBy({ id }) : null;
    if (!found) throw new ApiError(HttpStatus.NOT_FOUND, `No user with id "${userId}"`);
    return this.transaction.runFor(found.tenantId, async () => {
      const users = this.transaction.manager.getRepository(User);
      const user = await users.findOneOrFail({
        where: { id, tenantId: found.tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user.enabled) return toUserView(user);
      const before = toUserView(user);
      user.enabled = false;
      const after = toUserView(await users.save(user));
      await this.recorder.record({
        action: 'user.disabled',
        resourceType: 'user',
        resourceId: id,
        before: auditedUser(before),
        after: auditedUser(after),
      });
      return after;
    });
  }
}
