import { Injectable } from '@nestjs/common';
import { ApiError, type Page, paginate, type SortSpec, versioned, type Versioned } from '@wardline/common';
import { User } from '@wardline/database';
import { InjectTenantRepository, TenantRepository } from '@wardline/tenancy';
import type { ListUsersQuery } from './dto/list-users.query';
import { toUserView, type UserView } from '@wardline/accounts';

const USER_SORT: SortSpec<User> = {
  fields: {
    name: { expression: 'user.name', type: 'text', value: (user) => user.name },
    createdAt: { expression: 'user.createdAt', type: 'timestamp', value: (user) => user.createdAt.toISOString() },
  },
  defaultSort: 'name',
  idExpression: 'user.id',
  id: (user) => user.id,
};

const userNotFound = () => ApiError.notFound('User');

@Injectable()
export class UsersService {
  constructor(@InjectTenantRepository(User) private readonly users: TenantRepository<User>) {}

  async list(query: ListUsersQuery): Promise<Page<UserView>> {
    const builder = this.users.query('user');
    if (query.role !== undefined) builder.andWhere('user.role IN (:...role)', { role: query.role });
    if (query.enabled !== undefined) builder.andWhere('user.enabled = :enabled', { enabled: query.enabled });
    const page = await paginate(builder, query, USER_SORT);
    return { items: page.items.map(toUserView), pagination: page.pagination };
  }

  async get(id: string): Promise<Versioned<UserView>> {
    const user = await this.users.findById(id, 'user');
    if (!user) throw userNotFound();
    return versioned(toUserView(user), user.version);
  }
}
