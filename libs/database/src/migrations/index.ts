import { InitialSchema1764288000000 } from './1764288000000-initial-schema';
import { Casework1764374400000 } from './1764374400000-casework';
import { ChangeRecords1764460800000 } from './1764460800000-change-records';
import { IdempotencyKeys1764800000000 } from './1764800000000-idempotency-keys';
import { EventsAndNews1764900000000 } from './1764900000000-events-and-news';
import { Webhooks1765100000000 } from './1765100000000-webhooks';
import { SettingsAndPublicForm1765000000000 } from './1765000000000-settings-and-public-form';
import { DashboardSessions1765200000000 } from './1765200000000-dashboard-sessions';
import { ResidentAnonymisation1765300000000 } from './1765300000000-resident-anonymisation';
import { CaseDayRollups1765400000000 } from './1765400000000-case-day-rollups';
import { NamedAssignees1765450000000 } from './1765450000000-named-assignees';
import { CaseListCounts1765500000000 } from './1765500000000-case-list-counts';

export const MIGRATIONS = [
  InitialSchema1764288000000,
  Casework1764374400000,
  ChangeRecords1764460800000,
  IdempotencyKeys1764800000000,
  EventsAndNews1764900000000,
  Webhooks1765100000000,
  SettingsAndPublicForm1765000000000,
  DashboardSessions1765200000000,
  ResidentAnonymisation1765300000000,
  CaseDayRollups1765400000000,
  NamedAssignees1765450000000,
  CaseListCounts1765500000000,
];
