/**
 * Two projects: `unit` (pure logic beside the code, `*.spec.ts`, no database) and `e2e`
 * (`*.e2e-spec.ts` under `test`, real HTTP against a fresh PostgreSQL made by the global setup,
 * which runs only when an e2e suite is selected).
 */
const shared = {
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@wardline/(auth|tenancy|database|common|operations)(|/.*)$': '<rootDir>/libs/$1/src$2',
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

/** @type {import('jest').Config} */
module.exports = {
  projects: [unit, e2e],
  testTimeout: 30000,
  maxWorkers: 2,
};
