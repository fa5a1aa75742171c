import { InitialSchema1764288000000 } from './1764288000000-initial-schema';
import { Casework1764374400000 } from './1764374400000-casework';
import { ChangeRecords1764460800000 } from './1764460800000-change-records';
import { DashboardSessions1765200000000 } from './1765200000000-dashboard-sessions';

export const MIGRATIONS = [
  InitialSchema1764288000000,
  Casework1764374400000,
  ChangeRecords1764460800000,
  DashboardSessions1765200000000,
];
