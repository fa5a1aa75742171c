import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { publicIntakeScenarios } from '../sdk/scenarios/residents';

/** The public intake form, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('the public intake form through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, publicIntakeScenarios);
});
