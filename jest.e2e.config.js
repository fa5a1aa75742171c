/** `npm run test:e2e`: the HTTP suites against a fresh PostgreSQL. */
const { e2e, run } = require('./test/setup/jest-projects');

/** @type {import('jest').Config} */
module.exports = { ...run, ...e2e };
