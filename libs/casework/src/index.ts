export * from './case-counts';
export * from './case-references';
export * from './case-status';
export * from './case-visibility';
export * from './casework.module';
export * from './resident-anonymisation';
