import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { categoryScenarios } from '../sdk/scenarios/reference-data';

/** Categories, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('categories through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, categoryScenarios);
});
