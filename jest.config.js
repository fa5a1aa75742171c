/** `npm test`: the unit and the e2e project (test/setup/jest-projects.js). */
const { unit, e2e, run } = require('./test/setup/jest-projects');

/** @type {import('jest').Config} */
module.exports = { ...run, projects: [unit, e2e] };
