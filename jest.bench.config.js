/** Benchmarks: the test set-up (fresh database, path aliases) but only `bench/*.bench.ts`. */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/bench'],
  testRegex: '.*\\.bench\\.ts$',
  testTimeout: 30 * 60_000,
  maxWorkers: 1,
};
