/** Benchmarks: the e2e set-up (fresh database, path aliases) but only `bench/*.bench.ts`. */
const { e2e } = require('./test/setup/jest-projects');

/** @type {import('jest').Config} */
module.exports = {
  ...e2e,
  displayName: 'bench',
  roots: ['<rootDir>/bench'],
  testRegex: '.*\\.bench\\.ts$',
  testTimeout: 30 * 60_000,
  maxWorkers: 1,
};
