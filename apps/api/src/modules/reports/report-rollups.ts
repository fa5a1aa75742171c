import { Injectable } from '@nestjs/common';
import { type CaseViewer, restrictToVisibleCases } from '@wardline/casework';
import { Case, CaseDayCount, CaseDayDuration, type DurationMeasure, type TenantOwned } from '@wardline/database';
import { InjectTenantRepository, TenantRepository, TenantTransaction } from '@wardline/tenancy';
import type { SelectQueryBuilder } from 'typeorm';
import type { Interval } from './dto/report-period.query';
import { type BucketCount, percentileSpan } from './histogram-percentile';
import type { ReportPeriod } from './report-period';
import { wholeMonthsOf } from './whole-months';
import {
  CREATED_IN_PERIOD,
  HOURS_TO_FIRST_RESPONSE,
  HOURS_TO_RESOLUTION,
  K,
  RESOLVED_IN_PERIOD,
  visibleCases,
} from './report-queries';

const R = 'rollup';

/** How each duration is measured on `cases`, and which of its cases a period holds. */
const MEASURED: Record<DurationMeasure, { bucket: string; hours: string; inPeriod: string }> = {
  first_response: {
    bucket: `${K}.firstResponseBucket`,
    hours: HOURS_TO_FIRST_RESPONSE,
    inPeriod: `${CREATED_IN_PERIOD} AND ${K}.firstResponseAt IS NOT NULL`,
  },
  resolution: { bucket: `${K}.resolutionBucket`, hours: HOURS_TO_RESOLUTION, inPeriod: RESOLVED_IN_PERIOD },
};

export type Histograms = Record<DurationMeasure, BucketCount[]>;

/**
 * Report numbers from the per-day counts the database keeps beside `cases` (CaseDayRollups
 * migration): a period's counts are sums over its local days, and a percentile reads exact
 * values from `cases` in the one or two histogram buckets that hold it. The caseworker rule
 * applies to the counts as to cases (they are kept per assignee).
 */
@Injectable()
export class ReportRollups {
  constructor(
    @InjectTenantRepository(CaseDayCount) private readonly counts: TenantRepository<CaseDayCount>,
    @InjectTenantRepository(CaseDayDuration) private readonly durations: TenantRepository<CaseDayDuration>,
    @InjectTenantRepository(Case) private readonly cases: TenantRepository<Case>,
    private readonly transaction: TenantTransaction,
  ) {}

  /**
   * The rows of one rollup that cover the period once, as the viewer may see them: its whole
   * months from month rows (unless `byDay`), the other days from day rows.
   */
  private days<E extends TenantOwned>(
    rollup: TenantRepository<E>,
    period: ReportPeriod,
    viewer: CaseViewer,
    byDay = false,
  ): SelectQueryBuilder<E> {
    const months = byDay ? { from: period.from, until: period.from } : wholeMonthsOf(period.from, period.to);
    const query = rollup
      .query(R)
      .select([])
      .andWhere(
        `((${R}.grain = 'month' AND ${R}.day >= :monthsFrom AND ${R}.day < :monthsUntil) OR
          (${R}.grain = 'day' AND ${R}.day BETWEEN :from AND :to AND (${R}.day < :monthsFrom OR ${R}.day >= :monthsUntil)))`,
        { from: period.from, to: period.to, monthsFrom: months.from, monthsUntil: months.until },
      );
    return restrictToVisibleCases(query, R, viewer);
  }

  /** Cases created in the period, by current status and priority. */
  createdByStatusAndPriority(period: ReportPeriod, viewer: CaseViewer) {
    return this.days(this.counts, period, viewer)
      .select(`${R}.status`, 'status')
      .addSelect(`${R}.priority`, 'priority')
      .addSelect(`sum(${R}.cases)::int`, 'count')
      .groupBy(`${R}.status`)
      .addGroupBy(`${R}.priority`)
      .getRawMany<{ status: string; priority: string; count: number }>();
  }

  /** Cases created (by the day they were created) or resolved (by the day they were) per bucket. */
  async perBucket(
    counted: 'created' | 'resolved',
    interval: Interval,
    period: ReportPeriod,
    viewer: CaseViewer,
  ): Promise<Map<string, number>> {
    // A month row fits a month bucket whole; days and weeks need day rows.
    const byDay = interval !== 'month';
    const query =
      counted === 'created'
        ? this.days(this.counts, period, viewer, byDay)
        : this.days(this.durations, period, viewer, byDay).andWhere(`${R}.measure = 'resolution'`);
    const rows = await query
      .select(`to_char(date_trunc(:interval, ${R}.day::timestamp), 'YYYY-MM-DD')`, 'starts')
      .addSelect(`sum(${R}.cases)::int`, 'count')
      .setParameter('interval', interval)
      .groupBy('starts')
      .getRawMany<{ starts: string; count: number }>();
    return new Map(rows.map((row) => [row.starts, row.count]));
  }

  /** Both duration histograms of the period, buckets ascending. */
  async histograms(period: ReportPeriod, viewer: CaseViewer): Promise<Histograms> {
    const rows = await this.days(this.durations, period, viewer)
      .select(`${R}.measure`, 'measure')
      .addSelect(`${R}.bucket`, 'bucket')
      .addSelect(`sum(${R}.cases)::int`, 'cases')
      .groupBy(`${R}.measure`)
      .addGroupBy(`${R}.bucket`)
      .orderBy(`${R}.bucket`)
      .getRawMany<BucketCount & { measure: DurationMeasure }>();
    const histograms: Histograms = { first_response: [], resolution: [] };
    for (const { measure, bucket, cases } of rows) histograms[measure].push({ bucket, cases });
    return histograms;
  }

  /**
   * `percentile_cont(fraction)` of the measure's hours over the period's cases, rounded to two
   * decimals as the live aggregate would be: the histogram says which values are the two
   * neighbours, `cases` gives their exact hours (through the measure's bucket index).
   */
  async percentile(
    measure: DurationMeasure,
    histogram: readonly BucketCount[],
    fraction: number,
    period: ReportPeriod,
    viewer: CaseViewer,
  ): Promise<number | null> {
    const span = percentileSpan(histogram, fraction);
    if (!span) return null;
    const { bucket, hours, inPeriod } = MEASURED[measure];
    const neighbours = visibleCases(this.cases, viewer, period)
      .select(`(${hours})::float8`, 'hours')
      .andWhere(`${bucket} BETWEEN :lowBucket AND :highBucket`, span)
      .andWhere(inPeriod)
      .orderBy(`(${hours})::float8`)
      .offset(span.offset)
      .limit(span.take);
    const [sql, parameters] = neighbours.getQueryAndParameters();
    const [row] = (await this.transaction.manager.query(
      `SELECT round((min(hours) + $${parameters.length + 1}::float8 * (max(hours) - min(hours)))::numeric, 2)::float8 AS value
         FROM (${sql}) AS neighbours`,
      [...parameters, span.proportion],
    )) as { value: number | null }[];
    return row.value;
  }
}
