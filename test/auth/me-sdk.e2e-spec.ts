import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { meScenarios } from '../sdk/scenarios/reference-data';

/** GET /api/me (the key itself), called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('GET /api/me (the key itself) through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, meScenarios);
});
