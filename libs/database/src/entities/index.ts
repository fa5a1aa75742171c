import { ApiKey } from './api-key.entity';
import { AuditLog } from './audit-log.entity';
import { Case } from './case.entity';
import { CaseDayCount, CaseDayDuration } from './case-day-rollup.entity';
import { CaseEvent } from './case-event.entity';
import { CaseListCount } from './case-list-count.entity';
import { Category } from './category.entity';
import { DashboardSession } from './dashboard-session.entity';
import { OutboxEvent } from './outbox-event.entity';
import { NewsItem } from './news-item.entity';
import { PublicEvent } from './public-event.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';
import { Ward } from './ward.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export {
  ApiKey,
  AuditLog,
  Case,
  CaseDayCount,
  CaseDayDuration,
  CaseEvent,
  CaseListCount,
  Category,
  DashboardSession,
  NewsItem,
  OutboxEvent,
  PublicEvent,
  Tenant,
  User,
  Ward,
  WebhookDelivery,
  WebhookEndpoint,
};
export { WEBHOOK_DELIVERY_STATES, type WebhookDeliveryState } from './webhook-delivery.entity';
export * from './policy-types';
export * from './case-types';
export * from './publication-types';
export * from './tenant-owned';
export type { DurationMeasure } from './case-day-rollup.entity';
export type { CaseListCountDimension } from './case-list-count.entity';

export const ENTITIES = [
  Tenant,
  User,
  ApiKey,
  Ward,
  Category,
  Case,
  CaseDayCount,
  CaseDayDuration,
  CaseListCount,
  CaseEvent,
  AuditLog,
  OutboxEvent,
  PublicEvent,
  NewsItem,
  WebhookEndpoint,
  WebhookDelivery,
  DashboardSession,
];
