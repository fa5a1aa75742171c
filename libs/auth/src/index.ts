export * from './api-key-format';
export * from './scope-policy';
export * from './route-access';
export * from './principal';
export * from './auth-errors';
export * from './access-decision';
export * from './presented-key';
export * from './auth.module';
