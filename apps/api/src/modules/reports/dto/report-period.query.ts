import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOneOf } from '@wardline/common';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A period of whole days in the council's time zone, both ends included. */
export class ReportPeriodQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-01-01',
    description: "First day, in the council's time zone (default: 29 days before `to`)",
  })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'from must be a date such as 2026-01-31' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-03-31',
    description: "Last day, included, in the council's time zone (default: today). At most 5 years after `from`.",
  })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'to must be a date such as 2026-01-31' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date' })
  to?: string;
}

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export class TimeseriesQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({ enum: INTERVALS, default: 'day', description: 'Weeks start on Monday' })
  @IsOptional()
  @IsOneOf(INTERVALS)
  interval?: Interval;
}
