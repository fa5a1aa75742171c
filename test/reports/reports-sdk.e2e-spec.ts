import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { reportScenarios } from '../sdk/scenarios/admin';

/** Reports, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('reports through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, reportScenarios);
});
