import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { residentScenarios } from '../sdk/scenarios/residents';

/** Residents' personal data, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe("residents' personal data through the SDK", () => {
  const context = useSdkSuite();
  runScenarios(context, residentScenarios);
});
