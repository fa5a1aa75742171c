export * from './demo-seeder';
export * from './demo-fixtures';
export * from './seed-progress';
export * from './operations.module';
export { MAX_DEMO_CASES } from './demo-case-seeder';
export * from './operator-context';
