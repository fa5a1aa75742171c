/**
 * The two Jest projects: `unit` (pure logic beside the code, `*.spec.ts`, no database) and
 * `e2e` (`*.e2e-spec.ts` under `test`, real HTTP against a fresh PostgreSQL made by the global
 * setup, which runs only when an e2e suite is selected).
 */
const rootDir = require('node:path').join(__dirname, '..', '..');

const shared = {
  rootDir,
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@wardline/(auth|tenancy|database|common|operations|changes|casework|accounts|core|webhooks|sdk)(|/.*)$':
      '<rootDir>/libs/$1/src$2',
  },
};

const unit = {
  ...shared,
  displayName: 'unit',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testRegex: '.*\\.spec\\.ts$',
};

const e2e = {
  ...shared,
  displayName: 'e2e',
  roots: ['<rootDir>/test'],
  testRegex: '.*\\.e2e-spec\\.ts$',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

/** Run-wide options, for every config file at the root. */
const run = { testTimeout: 30000, maxWorkers: 2 };

module.exports = { unit, e2e, run };
