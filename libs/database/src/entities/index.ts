import { ApiKey } from './api-key.entity';
import { AuditLog } from './audit-log.entity';
import { Case } from './case.entity';
import { CaseEvent } from './case-event.entity';
import { Category } from './category.entity';
import { DashboardSession } from './dashboard-session.entity';
import { OutboxEvent } from './outbox-event.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';
import { Ward } from './ward.entity';

export { ApiKey, AuditLog, Case, CaseEvent, Category, DashboardSession, OutboxEvent, Tenant, User, Ward };
export * from './policy-types';
export * from './case-types';
export * from './tenant-owned';

export const ENTITIES = [
  Tenant,
  User,
  ApiKey,
  Ward,
  Category,
  Case,
  CaseEvent,
  AuditLog,
  OutboxEvent,
  DashboardSession,
];
