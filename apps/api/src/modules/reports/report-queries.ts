import { type CaseViewer, restrictToVisibleCases } from '@wardline/casework';
import type { Case } from '@wardline/database';
import type { TenantRepository } from '@wardline/tenancy';
import type { SelectQueryBuilder } from 'typeorm';
import type { ReportPeriod } from './report-period';

/** The alias every report query gives `cases`. */
export const K = 'kase';
/** Statuses of a case still being worked. */
export const OPEN_STATUSES = ['open', 'in_progress', 'awaiting_response'];

export const CREATED_IN_PERIOD = `${K}.createdAt >= :start AND ${K}.createdAt < :end`;
export const RESOLVED_IN_PERIOD = `${K}.resolvedAt >= :start AND ${K}.resolvedAt < :end`;
export const IS_OPEN = `${K}.status IN (:...openStatuses)`;

const hoursBetween = (from: string, to: string) => `extract(epoch FROM (${K}.${to} - ${K}.${from})) / 3600`;
export const HOURS_TO_FIRST_RESPONSE = hoursBetween('createdAt', 'firstResponseAt');
export const HOURS_TO_RESOLUTION = hoursBetween('createdAt', 'resolvedAt');

/** A percentile of `hours` over the rows `filter` keeps, in hours to two decimals (null when none). */
export const percentileOf = (fraction: number, hours: string, filter: string): string =>
  `round((percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${hours}) FILTER (WHERE ${filter}))::numeric, 2)::float8`;

/**
 * The cases a viewer may see (the one caseworker rule), with the period's bounds bound:
 * every report number starts here.
 */
export function visibleCases(
  cases: TenantRepository<Case>,
  viewer: CaseViewer,
  period: ReportPeriod,
): SelectQueryBuilder<Case> {
  const query = cases
    .query(K)
    .select([])
    .setParameters({ start: period.start, end: period.end, openStatuses: OPEN_STATUSES });
  return restrictToVisibleCases(query, K, viewer);
}
