import { exercised } from '../support/sdk';
import { SPEC_OPERATIONS } from '../support/spec-check';
import { runScenarios, started, useSdkSuite } from './sdk-suite';
import { SCENARIOS } from './scenarios';

/**
 * Every operation in openapi.json, called through the SDK, each answer checked against the
 * document (status, media type, required headers, body with no undocumented field). A route
 * added without an SDK scenario, or a document that says something the server does not do,
 * fails here.
 */
describe('every operation in openapi.json, through the SDK', () => {
  const context = useSdkSuite();

  for (const [resource, scenarios] of Object.entries(SCENARIOS)) {
    describe(resource, () => runScenarios(context, scenarios));
  }

  afterAll(() => {
    const declared = Object.values(SCENARIOS).flatMap((scenarios) => Object.values(scenarios));
    if (started.size < declared.length) return; // a filtered run (-t) cannot speak for coverage
    const unanswered = SPEC_OPERATIONS.filter(
      ({ method, path }) =>
        ![...(exercised.get(`${method} ${path}`) ?? [])].some((status) => status >= 200 && status < 300),
    ).map(({ operationId, method, path }) => `${operationId} (${method} ${path})`);
    if (unanswered.length > 0) {
      throw new Error(`Operations no SDK scenario called successfully:\n${unanswered.join('\n')}`);
    }
  });
});
