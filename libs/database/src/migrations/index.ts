import { InitialSchema1764288000000 } from './1764288000000-initial-schema';

export { TENANT_TABLES } from './1764288000000-initial-schema';
export const MIGRATIONS = [InitialSchema1764288000000];
