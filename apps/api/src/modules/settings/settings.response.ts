import { ApiProperty } from '@nestjs/swagger';
import type { Tenant } from '@wardline/database';

export class RetentionSettings {
  @ApiProperty({ type: 'integer', nullable: true, example: 24 }) anonymiseClosedCasesAfterMonths!: number | null;
}

export class SettingsResponse {
  @ApiProperty({ example: 'Riverford District Council' }) name!: string;
  @ApiProperty({ example: 'riverford', description: 'Read-only: names the public intake form' }) slug!: string;
  @ApiProperty({ example: 'Europe/London' }) timezone!: string;
  @ApiProperty({ example: 'en-GB' }) locale!: string;
  @ApiProperty({ example: 'CW' }) caseReferencePrefix!: string;
  @ApiProperty({ type: 'integer', example: 20 }) defaultSlaDays!: number;
  @ApiProperty() publicFormEnabled!: boolean;
  @ApiProperty({ type: RetentionSettings }) retention!: RetentionSettings;
  @ApiProperty({ example: '2026-01-15T10:30:00.000Z' }) updatedAt!: string;
}

export const toSettingsResponse = (tenant: Tenant): SettingsResponse => ({
  name: tenant.name,
  slug: tenant.slug,
  timezone: tenant.timezone,
  locale: tenant.locale,
  caseReferencePrefix: tenant.caseReferencePrefix,
  defaultSlaDays: tenant.defaultSlaDays,
  publicFormEnabled: tenant.publicFormEnabled,
  retention: { anonymiseClosedCasesAfterMonths: tenant.anonymiseClosedCasesAfterMonths },
  updatedAt: tenant.updatedAt.toISOString(),
});
