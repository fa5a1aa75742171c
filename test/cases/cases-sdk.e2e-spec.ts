import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { caseScenarios, noteScenarios } from '../sdk/scenarios/cases';

/** Cases and their notes, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('cases and their notes through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, caseScenarios);
  runScenarios(context, noteScenarios);
});
