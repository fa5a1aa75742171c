import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { settingsScenarios } from '../sdk/scenarios/admin';

/** Settings, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('settings through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, settingsScenarios);
});
