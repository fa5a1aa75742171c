import { InitialSchema1764288000000 } from './1764288000000-initial-schema';
import { Casework1764374400000 } from './1764374400000-casework';
import { IdempotencyKeys1764800000000 } from './1764800000000-idempotency-keys';

export { TENANT_TABLES } from './1764288000000-initial-schema';
export { CASEWORK_TENANT_TABLES } from './1764374400000-casework';
export { IDEMPOTENCY_TENANT_TABLES } from './1764800000000-idempotency-keys';
export const MIGRATIONS = [InitialSchema1764288000000, Casework1764374400000, IdempotencyKeys1764800000000];
