import { runScenarios, useSdkSuite } from '../sdk/sdk-suite';
import { auditLogScenarios } from '../sdk/scenarios/admin';

/** The audit log, called as an integrator calls them: through the typed SDK, every answer checked against openapi.json. */
describe('the audit log through the SDK', () => {
  const context = useSdkSuite();
  runScenarios(context, auditLogScenarios);
});
