import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { healthScenarios } from '../sdk/scenarios/reference-data';

/** Health checks, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('health checks through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, healthScenarios);
});
