import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, RequireScope } from '@wardline/auth';
import { viewerOf } from '@wardline/casework';
import { ApiErrorResponses } from '@wardline/common';
import { SnapshotTransaction } from '@wardline/tenancy';
import { HeavyWork } from '../../shared/heavy-work/heavy-work';
import { ReportPeriodQuery, TimeseriesQuery } from './dto/report-period.query';
import { CategoryReport, PublicReport, SummaryReport, TimeseriesReport, WardReport } from './report.responses';
import { ReportsService } from './reports.service';

const PERIOD_NOTE =
  ' The period is whole days `from`..`to` (both included) in the council’s time zone, at most 5 years; ' +
  'default the last 30 days. A key owned by a caseworker counts only the cases assigned to that caseworker.';

@ApiTags('Reports')
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @RequireScope('reports:read')
  @HeavyWork()
  @SnapshotTransaction()
  @ApiOperation({
    summary: 'Counts and response times',
    description:
      'Cases created in the period by status and priority, created and resolved in the period, open and overdue ' +
      'now, median and 90th percentile hours to first response (cases created in the period) and to resolution ' +
      '(cases resolved in the period).' +
      PERIOD_NOTE,
  })
  @ApiOkResponse({ type: SummaryReport })
  @ApiErrorResponses(400)
  summary(@Query() query: ReportPeriodQuery, @CurrentPrincipal() principal: Principal): Promise<SummaryReport> {
    return this.reports.summary(query, viewerOf(principal));
  }

  @Get('cases-by-ward')
  @RequireScope('reports:read')
  @HeavyWork()
  @SnapshotTransaction()
  @ApiOperation({ summary: 'Cases created in the period, per ward', description: PERIOD_NOTE.trim() })
  @ApiOkResponse({ type: WardReport })
  @ApiErrorResponses(400)
  byWard(@Query() query: ReportPeriodQuery, @CurrentPrincipal() principal: Principal): Promise<WardReport> {
    return this.reports.wards(query, viewerOf(principal));
  }

  @Get('cases-by-category')
  @RequireScope('reports:read')
  @HeavyWork()
  @SnapshotTransaction()
  @ApiOperation({ summary: 'Cases created in the period, per category', description: PERIOD_NOTE.trim() })
  @ApiOkResponse({ type: CategoryReport })
  @ApiErrorResponses(400)
  byCategory(@Query() query: ReportPeriodQuery, @CurrentPrincipal() principal: Principal): Promise<CategoryReport> {
    return this.reports.categories(query, viewerOf(principal));
  }

  @Get('timeseries')
  @RequireScope('reports:read')
  @HeavyWork()
  @SnapshotTransaction()
  @ApiOperation({
    summary: 'Cases created and resolved per day, week or month',
    description:
      'Buckets follow the council’s calendar (weeks start on Monday); every bucket touching the period is ' +
      'listed, empty ones too, counting only cases inside the period.' +
      PERIOD_NOTE,
  })
  @ApiOkResponse({ type: TimeseriesReport })
  @ApiErrorResponses(400)
  timeseries(@Query() query: TimeseriesQuery, @CurrentPrincipal() principal: Principal): Promise<TimeseriesReport> {
    return this.reports.timeseries(query, viewerOf(principal));
  }

  @Get('public')
  @RequireScope('reports:read')
  @HeavyWork()
  @SnapshotTransaction()
  @ApiOperation({
    summary: 'Anonymised aggregates fit to publish',
    description:
      'Counts by status, ward and category and the median resolution time, with no names of people, contact ' +
      'details, references or free text. Any number that would describe fewer than 5 cases is suppressed: ' +
      'small groups are folded into `otherCases`, which is itself null when under 5.' +
      PERIOD_NOTE,
  })
  @ApiOkResponse({ type: PublicReport })
  @ApiErrorResponses(400)
  publicReport(@Query() query: ReportPeriodQuery, @CurrentPrincipal() principal: Principal): Promise<PublicReport> {
    return this.reports.publicReport(query, viewerOf(principal));
  }
}
