import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { webhookScenarios } from '../sdk/scenarios/admin';

/** Webhook endpoints, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('webhook endpoints through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, webhookScenarios);
});
