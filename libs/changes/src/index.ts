export * from './audit-changes';
export * from './change-recorder';
export * from './changes.module';
export * from './webhook-event-types';
