import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { wardScenarios } from '../sdk/scenarios/reference-data';

/** Wards, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('wards through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, wardScenarios);
});
