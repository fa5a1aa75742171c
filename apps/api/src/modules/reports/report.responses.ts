import { ApiProperty } from '@nestjs/swagger';
import { CASE_PRIORITIES, CASE_STATUSES } from '@wardline/database';

export class ReportPeriodResponse {
  @ApiProperty({ example: '2026-01-01' }) from!: string;
  @ApiProperty({ example: '2026-03-31', description: 'Included' }) to!: string;
  @ApiProperty({ example: 'Europe/London', description: "The council's time zone: days start at its midnight" })
  timezone!: string;
}

export class HoursSpread {
  @ApiProperty({ type: Number, nullable: true, example: 30.5 }) median!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 120.25 }) p90!: number | null;
}

const countsOf = (keys: readonly string[]) => ({
  type: 'object' as const,
  properties: Object.fromEntries(keys.map((key) => [key, { type: 'integer' as const }])),
  additionalProperties: false,
});

export class SummaryReport extends ReportPeriodResponse {
  @ApiProperty({ type: 'integer', description: 'Cases created in the period' }) created!: number;
  @ApiProperty({ type: 'integer', description: 'Cases resolved in the period (whenever created)' }) resolved!: number;
  @ApiProperty({ type: 'integer', description: 'Cases open, in progress or awaiting a response now' }) openNow!: number;
  @ApiProperty({ type: 'integer', description: 'Of those, past their due date now' }) overdueNow!: number;
  @ApiProperty({ ...countsOf(CASE_STATUSES), description: 'Cases created in the period, by their status now' })
  byStatus!: Record<string, number>;
  @ApiProperty({ ...countsOf(CASE_PRIORITIES), description: 'Cases created in the period, by priority' })
  byPriority!: Record<string, number>;
  @ApiProperty({ type: HoursSpread, description: 'Over cases created in the period that have had a response' })
  hoursToFirstResponse!: HoursSpread;
  @ApiProperty({ type: HoursSpread, description: 'Over cases resolved in the period' })
  hoursToResolution!: HoursSpread;
}

export class NamedGroup {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class GroupReportRow {
  @ApiProperty({ type: NamedGroup, nullable: true, description: 'null: cases without one' })
  group!: NamedGroup | null;
  @ApiProperty({ type: 'integer', description: 'Cases created in the period' }) cases!: number;
  @ApiProperty({ type: 'integer', description: 'Of those, open now' }) open!: number;
  @ApiProperty({ type: 'integer', description: 'Of those, resolved' }) resolved!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median hours from creation to resolution' })
  medianResolutionHours!: number | null;
}

export class WardReport extends ReportPeriodResponse {
  @ApiProperty({ type: GroupReportRow, isArray: true }) wards!: GroupReportRow[];
}

export class CategoryReport extends ReportPeriodResponse {
  @ApiProperty({ type: GroupReportRow, isArray: true }) categories!: GroupReportRow[];
}

export class TimeseriesBucket {
  @ApiProperty({ example: '2026-03-30', description: "The bucket's first local day" }) start!: string;
  @ApiProperty({ type: 'integer' }) created!: number;
  @ApiProperty({ type: 'integer' }) resolved!: number;
}

export class TimeseriesReport extends ReportPeriodResponse {
  @ApiProperty({ enum: ['day', 'week', 'month'] }) interval!: string;
  @ApiProperty({ type: TimeseriesBucket, isArray: true, description: 'Every bucket of the period, empty ones too' })
  buckets!: TimeseriesBucket[];
}

export class PublicGroup {
  @ApiProperty({ type: String, nullable: true, description: 'null: not recorded' }) name!: string | null;
  @ApiProperty({ type: 'integer' }) cases!: number;
}

export class PublicBreakdown {
  @ApiProperty({ type: PublicGroup, isArray: true, description: 'Groups of at least 5 cases' })
  groups!: PublicGroup[];
  @ApiProperty({ type: 'integer', description: 'Smaller groups, folded together' }) suppressedGroups!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Their cases; null when fewer than 5' })
  otherCases!: number | null;
}

export class PublicReport extends ReportPeriodResponse {
  @ApiProperty({ type: 'integer', description: 'Groups smaller than this are never shown' }) minimumGroupSize!: number;
  @ApiProperty({ type: 'integer', nullable: true }) created!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) resolved!: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianResolutionHours!: number | null;
  @ApiProperty({ type: PublicBreakdown }) byStatus!: PublicBreakdown;
  @ApiProperty({ type: PublicBreakdown }) byWard!: PublicBreakdown;
  @ApiProperty({ type: PublicBreakdown }) byCategory!: PublicBreakdown;
}
