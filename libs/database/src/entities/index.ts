import { ApiKey } from './api-key.entity';
import { Category } from './category.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';
import { Ward } from './ward.entity';

export { ApiKey, Category, Tenant, User, Ward };
export * from './policy-types';
export * from './tenant-owned';

export const ENTITIES = [Tenant, User, ApiKey, Ward, Category];
