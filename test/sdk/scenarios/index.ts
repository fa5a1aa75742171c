import type { Scenarios } from '../sdk-suite';
import { auditLogScenarios, reportScenarios, settingsScenarios, webhookScenarios } from './admin';
import { caseScenarios, noteScenarios } from './cases';
import { eventScenarios, newsScenarios } from './publishing';
import { categoryScenarios, healthScenarios, meScenarios, userScenarios, wardScenarios } from './reference-data';
import { publicIntakeScenarios, residentScenarios } from './residents';

/** Every resource's SDK scenarios, by resource: each runs in its resource's folder, all in test/sdk. */
export const SCENARIOS: Record<string, Scenarios> = {
  cases: caseScenarios,
  notes: noteScenarios,
  wards: wardScenarios,
  categories: categoryScenarios,
  users: userScenarios,
  me: meScenarios,
  health: healthScenarios,
  events: eventScenarios,
  news: newsScenarios,
  webhooks: webhookScenarios,
  settings: settingsScenarios,
  'audit logs': auditLogScenarios,
  reports: reportScenarios,
  residents: residentScenarios,
  'public intake': publicIntakeScenarios,
};
