import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { newsScenarios } from '../sdk/scenarios/publishing';

/** News, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('news through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, newsScenarios);
});
