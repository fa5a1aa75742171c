import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { eventScenarios } from '../sdk/scenarios/publishing';

/** Events, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('events through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, eventScenarios);
});
