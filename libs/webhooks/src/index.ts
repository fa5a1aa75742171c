export * from './retry-schedule';
export * from './webhook-secret';
export * from './webhook-url-policy';
export * from './webhook-sender';
export * from './webhook-worker.options';
export * from './webhook-worker';
export * from './webhook-worker.module';
