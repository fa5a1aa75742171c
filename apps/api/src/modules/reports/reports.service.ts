import { Injectable } from '@nestjs/common';
import type { CaseViewer } from '@wardline/casework';
import { Case, CASE_PRIORITIES, CASE_STATUSES } from '@wardline/database';
import { InjectTenantRepository, TenantContext, TenantRepository, TenantTransaction } from '@wardline/tenancy';
import type { Interval, ReportPeriodQuery, TimeseriesQuery } from './dto/report-period.query';
import { type ReportPeriod, resolvePeriod } from './report-period';
import {
  CREATED_IN_PERIOD,
  HOURS_TO_FIRST_RESPONSE,
  HOURS_TO_RESOLUTION,
  IS_OPEN,
  K,
  percentileOf,
  RESOLVED_IN_PERIOD,
  visibleCases,
} from './report-queries';
import type {
  CategoryReport,
  GroupReportRow,
  PublicReport,
  ReportPeriodResponse,
  SummaryReport,
  TimeseriesBucket,
  TimeseriesReport,
  WardReport,
} from './report.responses';
import { MINIMUM_GROUP_SIZE, publishable, suppressSmallGroups } from './small-group-suppression';
import { bucketStarts } from './timeseries-buckets';

type GroupBy = 'ward' | 'category';

const zeroCounts = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, 0]));
const periodOf = ({ from, to, timezone }: ReportPeriod): ReportPeriodResponse => ({ from, to, timezone });

/** Reports over the cases a key may see; every number is a count over `cases`, nothing cached. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectTenantRepository(Case) private readonly cases: TenantRepository<Case>,
    private readonly transaction: TenantTransaction,
    private readonly tenant: TenantContext,
  ) {}

  private period(query: ReportPeriodQuery): Promise<ReportPeriod> {
    return resolvePeriod(this.transaction.manager, this.tenant.tenantId, query);
  }

  async summary(query: ReportPeriodQuery, viewer: CaseViewer): Promise<SummaryReport> {
    return this.summaryOf(await this.period(query), viewer);
  }

  private async summaryOf(period: ReportPeriod, viewer: CaseViewer): Promise<SummaryReport> {
    const cases = () => visibleCases(this.cases, viewer, period);

    const created = await cases()
      .select(`${K}.status`, 'status')
      .addSelect(`${K}.priority`, 'priority')
      .addSelect('count(*)::int', 'count')
      .andWhere(CREATED_IN_PERIOD)
      .groupBy(`${K}.status`)
      .addGroupBy(`${K}.priority`)
      .getRawMany<{ status: string; priority: string; count: number }>();
    const firstResponse = await cases()
      .select(percentileOf(0.5, HOURS_TO_FIRST_RESPONSE, `${K}.firstResponseAt IS NOT NULL`), 'median')
      .addSelect(percentileOf(0.9, HOURS_TO_FIRST_RESPONSE, `${K}.firstResponseAt IS NOT NULL`), 'p90')
      .andWhere(CREATED_IN_PERIOD)
      .getRawOne<{ median: number | null; p90: number | null }>();
    const resolution = await cases()
      .select('count(*)::int', 'count')
      .addSelect(percentileOf(0.5, HOURS_TO_RESOLUTION, 'true'), 'median')
      .addSelect(percentileOf(0.9, HOURS_TO_RESOLUTION, 'true'), 'p90')
      .andWhere(RESOLVED_IN_PERIOD)
      .getRawOne<{ count: number; median: number | null; p90: number | null }>();
    const open = await cases()
      .select('count(*)::int', 'openNow')
      .addSelect(`count(*) FILTER (WHERE ${K}.dueAt < now())::int`, 'overdueNow')
      .andWhere(IS_OPEN)
      .getRawOne<{ openNow: number; overdueNow: number }>();

    const byStatus = zeroCounts(CASE_STATUSES);
    const byPriority = zeroCounts(CASE_PRIORITIES);
    for (const row of created) {
      byStatus[row.status] += row.count;
      byPriority[row.priority] += row.count;
    }
    return {
      ...periodOf(period),
      created: created.reduce((sum, row) => sum + row.count, 0),
      resolved: resolution?.count ?? 0,
      openNow: open?.openNow ?? 0,
      overdueNow: open?.overdueNow ?? 0,
      byStatus,
      byPriority,
      hoursToFirstResponse: { median: firstResponse?.median ?? null, p90: firstResponse?.p90 ?? null },
      hoursToResolution: { median: resolution?.median ?? null, p90: resolution?.p90 ?? null },
    };
  }

  async wards(query: ReportPeriodQuery, viewer: CaseViewer): Promise<WardReport> {
    const period = await this.period(query);
    return { ...periodOf(period), wards: await this.groupRows('ward', period, viewer) };
  }

  async categories(query: ReportPeriodQuery, viewer: CaseViewer): Promise<CategoryReport> {
    const period = await this.period(query);
    return { ...periodOf(period), categories: await this.groupRows('category', period, viewer) };
  }

  /** Cases created in the period per ward or category (null: none recorded), largest first. */
  private async groupRows(groupBy: GroupBy, period: ReportPeriod, viewer: CaseViewer): Promise<GroupReportRow[]> {
    const rows = await visibleCases(this.cases, viewer, period)
      .leftJoin(`${K}.${groupBy}`, 'grouped')
      .select(`${K}.${groupBy}Id`, 'id')
      .addSelect('grouped.name', 'name')
      .addSelect('count(*)::int', 'cases')
      .addSelect(`count(*) FILTER (WHERE ${IS_OPEN})::int`, 'open')
      .addSelect(`count(*) FILTER (WHERE ${K}.resolvedAt IS NOT NULL)::int`, 'resolved')
      .addSelect(percentileOf(0.5, HOURS_TO_RESOLUTION, `${K}.resolvedAt IS NOT NULL`), 'median')
      .andWhere(CREATED_IN_PERIOD)
      .groupBy(`${K}.${groupBy}Id`)
      .addGroupBy('grouped.name')
      .orderBy('cases', 'DESC')
      .addOrderBy('name', 'ASC')
      .getRawMany<{
        id: string | null;
        name: string | null;
        cases: number;
        open: number;
        resolved: number;
        median: number | null;
      }>();
    return rows.map((row) => ({
      group: row.id ? { id: row.id, name: row.name ?? '' } : null,
      cases: row.cases,
      open: row.open,
      resolved: row.resolved,
      medianResolutionHours: row.median,
    }));
  }

  async timeseries(query: TimeseriesQuery, viewer: CaseViewer): Promise<TimeseriesReport> {
    const period = await this.period(query);
    const interval: Interval = query.interval ?? 'day';
    const perBucket = async (column: 'createdAt' | 'resolvedAt', inPeriod: string) => {
      const bucket = `to_char(date_trunc(:interval, ${K}.${column} AT TIME ZONE :timezone), 'YYYY-MM-DD')`;
      const rows = await visibleCases(this.cases, viewer, period)
        .select(bucket, 'bucket')
        .addSelect('count(*)::int', 'count')
        .andWhere(inPeriod)
        .setParameters({ interval, timezone: period.timezone })
        .groupBy('bucket')
        .getRawMany<{ bucket: string; count: number }>();
      return new Map(rows.map((row) => [row.bucket, row.count]));
    };
    const created = await perBucket('createdAt', CREATED_IN_PERIOD);
    const resolved = await perBucket('resolvedAt', RESOLVED_IN_PERIOD);
    const buckets: TimeseriesBucket[] = bucketStarts(period.from, period.to, interval).map((start) => ({
      start,
      created: created.get(start) ?? 0,
      resolved: resolved.get(start) ?? 0,
    }));
    return { ...periodOf(period), interval, buckets };
  }

  /** Aggregates fit to publish: no names of people, no contact details, references or free text. */
  async publicReport(query: ReportPeriodQuery, viewer: CaseViewer): Promise<PublicReport> {
    const period = await this.period(query);
    const summary = await this.summaryOf(period, viewer);
    const named = async (groupBy: GroupBy) =>
      (await this.groupRows(groupBy, period, viewer)).map((row) => ({
        name: row.group?.name ?? null,
        cases: row.cases,
      }));
    return {
      ...periodOf(period),
      minimumGroupSize: MINIMUM_GROUP_SIZE,
      created: publishable(summary.created),
      resolved: publishable(summary.resolved),
      medianResolutionHours: summary.resolved >= MINIMUM_GROUP_SIZE ? summary.hoursToResolution.median : null,
      byStatus: suppressSmallGroups(Object.entries(summary.byStatus).map(([name, cases]) => ({ name, cases }))),
      byWard: suppressSmallGroups(await named('ward')),
      byCategory: suppressSmallGroups(await named('category')),
    };
  }
}
