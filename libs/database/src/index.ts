export * from './entities';
export * from './migrations';
export * from './data-source';
export * from './database-endpoint';
export * from './embedded-postgres';
export * from './prepare-database';
export * from './snake-naming.strategy';
export * from './schema/tables';
