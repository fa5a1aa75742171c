import { operationIdOf } from './openapi-operation-id';

describe('operationIdOf', () => {
  it.each([
    ['CasesController', 'list', 'listCases'],
    ['CasesController', 'create', 'createCase'],
    ['CasesController', 'get', 'getCase'],
    ['CasesController', 'update', 'updateCase'],
    ['CasesController', 'export', 'exportCases'],
    ['CasesController', 'timeline', 'getCaseTimeline'],
    ['CasesController', 'addNote', 'addCaseNote'],
    ['CategoriesController', 'update', 'updateCategory'],
    ['AuditLogsController', 'list', 'listAuditLogs'],
    ['EventsController', 'approve', 'approveEvents'],
    ['NewsController', 'delete', 'deleteNews'],
    ['WebhooksController', 'remove', 'deleteWebhook'],
    ['WebhooksController', 'rotateSecret', 'rotateWebhookSecret'],
    ['WebhooksController', 'deliveries', 'getWebhookDeliveries'],
    ['WebhooksController', 'redeliver', 'redeliverWebhook'],
    ['ReportsController', 'byWard', 'getReportByWard'],
    ['ReportsController', 'publicReport', 'getPublicReport'],
    ['SettingsController', 'get', 'getSettings'],
    ['MeController', 'me', 'getMe'],
    ['HealthController', 'live', 'getHealthLive'],
    ['PublicIntakeController', 'submit', 'submitPublicIntake'],
  ])('%s.%s → %s', (controller, method, expected) => {
    expect(operationIdOf(controller, method)).toBe(expected);
  });
});
