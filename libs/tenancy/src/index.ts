export * from './actor-context';
export * from './tenant-context';
export * from './tenant-transaction';
export * from './tenant-repository';
export * from './tenant-transaction.interceptor';
export * from './without-request-transaction';
export * from './snapshot-transaction';
export * from './tenancy.module';
