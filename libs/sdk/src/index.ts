export * from './client';
export * from './errors';
export * from './paging';
export * from './if-match';
export type { components, operations, paths } from './generated/wardline-api';
