/** `npm run test:unit`: pure logic only, no database. */
const { unit, run } = require('./test/setup/jest-projects');

/** @type {import('jest').Config} */
module.exports = { ...run, ...unit };
