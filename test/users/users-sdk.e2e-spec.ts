import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { userScenarios } from '../sdk/scenarios/reference-data';

/** Users, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('users through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, userScenarios);
});
