import { type Role, ROLES, type Tenant, User } from '@wardline/database';
import type { EntityManager } from 'typeorm';
import { mappingDatabaseErrors } from './database-error-mapper';
import { isUuid, looksLikeEmail, requireOneOf, requireText } from './input-rules';
import { OperatorError } from './operator-error';
import { toUserView, type UserView } from './operator-views';
import { hashPassword } from './password-hasher';

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

/** Users of any tenant, as the database owner. Password hashes go in and never come out. */
export class UserOperations {
  constructor(private readonly manager: EntityManager) {}

  private get users() {
    return this.manager.getRepository(User);
  }

  async create(tenant: Tenant, fields: NewUserFields): Promise<UserView> {
    const email = requireText(fields.email, 'Email', 320);
    if (!looksLikeEmail(email)) throw new OperatorError(`Invalid email address "${email}"`, 'invalid');
    const name = requireText(fields.name, 'User name');
    const role = requireOneOf(fields.role, ROLES, 'role');
    const passwordHash = fields.password === undefined ? null : await hashPassword(fields.password);
    const user = this.users.create({
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
    });
    const saved = await mappingDatabaseErrors(() => this.users.save(user), {
      users_tenant_email_key: `A user with email "${email}" already exists in tenant "${tenant.slug}"`,
    });
    return toUserView(saved);
  }

  async findByEmail(tenant: Tenant, email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('user')
      .where('user.tenantId = :tenantId AND lower(user.email) = lower(:email)', { tenantId: tenant.id, email })
      .getOne();
  }

  /** A user of this tenant by id or email, or an error saying which it could not find. */
  async requireInTenant(tenant: Tenant, idOrEmail: string): Promise<User> {
    const key = idOrEmail.trim();
    let user: User | null = null;
    if (key.includes('@')) user = await this.findByEmail(tenant, key);
    else if (isUuid(key)) user = await this.users.findOneBy({ id: key.toLowerCase(), tenantId: tenant.id });
    else throw new OperatorError(`"${idOrEmail}" is neither a user id nor an email address`, 'invalid');
    if (!user) throw new OperatorError(`No user "${idOrEmail}" in tenant "${tenant.slug}"`, 'not_found');
    return user;
  }

  /** Idempotent: disabling a disabled user changes nothing. */
  async disable(userId: string): Promise<UserView> {
    const id = userId.trim();
    const user = isUuid(id) ? await this.users.findOneBy({ id: id.toLowerCase() }) : null;
    if (!user) throw new OperatorError(`No user with id "${userId}"`, 'not_found');
    if (!user.enabled) return toUserView(user);
    user.enabled = false;
    return toUserView(await this.users.save(user));
  }
}
