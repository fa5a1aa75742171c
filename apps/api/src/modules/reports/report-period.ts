import { ApiError } from '@wardline/common';
import type { EntityManager } from 'typeorm';
import type { ReportPeriodQuery } from './dto/report-period.query';

/** The longest period a report covers: five years of days (two leap days included). */
export const MAX_PERIOD_DAYS = 5 * 365 + 2;
const DEFAULT_PERIOD_DAYS = 30;

/** Whole local days `from`..`to` of the council, and the instants they span: [start, end). */
export interface ReportPeriod {
  from: string;
  to: string;
  timezone: string;
  start: Date;
  end: Date;
}

interface PeriodRow {
  timezone: string;
  from: string;
  to: string;
  start: Date;
  end: Date;
  days: number;
}

/**
 * Resolves a report's period in the tenant's time zone (PostgreSQL does the zone arithmetic,
 * the same the report queries bucket by). A reversed or over-long period is a bad query (400).
 */
export async function resolvePeriod(
  manager: EntityManager,
  tenantId: string,
  query: ReportPeriodQuery,
): Promise<ReportPeriod> {
  const [row] = (await manager.query(
    `WITH local AS (
       SELECT t.timezone,
              coalesce($2::date, (now() AT TIME ZONE t.timezone)::date) AS to_day
         FROM tenants t WHERE t.id = $1),
     period AS (
       SELECT timezone, coalesce($3::date, to_day - $4::int) AS from_day, to_day FROM local)
     SELECT timezone, to_char(from_day, 'YYYY-MM-DD') AS "from", to_char(to_day, 'YYYY-MM-DD') AS "to",
            from_day::timestamp AT TIME ZONE timezone AS start,
            (to_day + 1)::timestamp AT TIME ZONE timezone AS "end",
            to_day - from_day + 1 AS days
       FROM period`,
    [tenantId, query.to ?? null, query.from ?? null, DEFAULT_PERIOD_DAYS - 1],
  )) as PeriodRow[];
  if (row.days < 1) {
    throw ApiError.badRequest('from must not be after to', { fields: { from: ['from must not be after to'] } });
  }
  if (row.days > MAX_PERIOD_DAYS) {
    const message = `a report covers at most ${MAX_PERIOD_DAYS} days (5 years)`;
    throw ApiError.badRequest(message, { fields: { from: [message] } });
  }
  return { timezone: row.timezone, from: row.from, to: row.to, start: row.start, end: row.end };
}
