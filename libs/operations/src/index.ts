export * from './demo-seeder';
export * from './demo-fixtures';
export * from './seed-progress';
export * from './operations.module';
export { MAX_DEMO_CASES } from './demo-case-seeder';
export * from './operator-context';
export * from './retention.service';
export * from './retention.module';
