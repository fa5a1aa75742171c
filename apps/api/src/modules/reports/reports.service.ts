import { Injectable } from '@nestjs/common';
import type { CaseViewer } from '@wardline/casework';
import { Case, CASE_PRIORITIES, CASE_STATUSES, type DurationMeasure } from '@wardline/database';
import { InjectTenantRepository, TenantContext, TenantRepository, TenantTransaction } from '@wardline/tenancy';
import type { Interval, ReportPeriodQuery, TimeseriesQuery } from './dto/report-period.query';
import { type ReportPeriod, resolvePeriod } from './report-period';
import { CREATED_IN_PERIOD, HOURS_TO_RESOLUTION, IS_OPEN, K, percentileOf, visibleCases } from './report-queries';
import { ReportRollups } from './report-rollups';
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

/**
 * Reports over the cases a key may see. Counts by day come from the per-day counts the database
 * keeps exactly beside `cases` (ReportRollups); what depends on now (open, overdue) and the
 * ward and category groups are counted from `cases` itself.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectTenantRepository(Case) private readonly cases: TenantRepository<Case>,
    private readonly transaction: TenantTransaction,
    private readonly tenant: TenantContext,
    private readonly rollups: ReportRollups,
  ) {}

  private period(query: ReportPeriodQuery): Promise<ReportPeriod> {
    return resolvePeriod(this.transaction.manager, this.tenant.tenantId, query);
  }

  async summary(query: ReportPeriodQuery, viewer: CaseViewer): Promise<SummaryReport> {
    return this.summaryOf(await this.period(query), viewer);
  }

  private async summaryOf(period: ReportPeriod, viewer: CaseViewer): Promise<SummaryReport> {
    const created = await this.rollups.createdByStatusAndPriority(period, viewer);
    const histograms = await this.rollups.histograms(period, viewer);
    const percentiles = async (measure: DurationMeasure) => ({
      median: await this.rollups.percentile(measure, histograms[measure], 0.5, period, viewer),
      p90: await this.rollups.percentile(measure, histograms[measure], 0.9, period, viewer),
    });
    const open = await visibleCases(this.cases, viewer, period)
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
      resolved: histograms.resolution.reduce((sum, row) => sum + row.cases, 0),
      openNow: open?.openNow ?? 0,
      overdueNow: open?.overdueNow ?? 0,
      byStatus,
      byPriority,
      hoursToFirstResponse: await percentiles('first_response'),
      hoursToResolution: await percentiles('resolution'),
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
    const created = await this.rollups.perBucket('created', interval, period, viewer);
    const resolved = await this.rollups.perBucket('resolved', interval, period, viewer);
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
