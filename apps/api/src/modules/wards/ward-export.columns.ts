import type { ExportColumn } from '@wardline/common';
import type { WardExportRow } from './ward.response';

export const WARD_EXPORT_COLUMNS: ExportColumn<WardExportRow>[] = [
  { header: 'id', value: (ward) => ward.id },
  { header: 'name', value: (ward) => ward.name },
  { header: 'gssCode', value: (ward) => ward.gssCode },
  { header: 'councilTier', value: (ward) => ward.councilTier },
  { header: 'boundaryDescription', value: (ward) => ward.boundaryDescription },
  { header: 'latitude', value: (ward) => ward.latitude },
  { header: 'longitude', value: (ward) => ward.longitude },
  { header: 'enabled', value: (ward) => ward.enabled },
  { header: 'councillors', value: (ward) => ward.councillors.map((councillor) => councillor.name).join('; ') },
  { header: 'caseCount', value: (ward) => ward.caseCount },
  { header: 'createdAt', value: (ward) => ward.createdAt },
  { header: 'updatedAt', value: (ward) => ward.updatedAt },
];
