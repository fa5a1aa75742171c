export * from './account-views';
export * from './accounts.module';
export * from './api-key-scope-check';
export * from './api-keys.service';
export * from './input-rules';
export * from './password-hasher';
export * from './tenants.service';
export * from './user-accounts.service';
