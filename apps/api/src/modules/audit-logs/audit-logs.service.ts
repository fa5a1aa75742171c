import { Injectable } from '@nestjs/common';
import { type Page, paginate, type SortSpec } from '@wardline/common';
import { AuditLog } from '@wardline/database';
import { InjectTenantRepository, TenantRepository } from '@wardline/tenancy';
import { type AuditLogResponse, toAuditLogResponse } from './audit-log.response';
import type { ListAuditLogsQuery } from './dto/list-audit-logs.query';

const AUDIT_SORT: SortSpec<AuditLog> = {
  fields: {
    occurredAt: {
      expression: 'entry.occurredAt',
      type: 'timestamp',
      value: (entry) => entry.occurredAt.toISOString(),
    },
  },
  defaultSort: '-occurredAt',
  idExpression: 'entry.id',
  id: (entry) => entry.id,
};

/** Equality filters: query field → column. */
const EXACT_FILTERS = ['action', 'actorId', 'resourceType', 'resourceId'] as const;

@Injectable()
export class AuditLogsService {
  constructor(@InjectTenantRepository(AuditLog) private readonly entries: TenantRepository<AuditLog>) {}

  async list(query: ListAuditLogsQuery): Promise<Page<AuditLogResponse>> {
    const builder = this.entries.query('entry');
    for (const field of EXACT_FILTERS) {
      if (query[field] !== undefined) builder.andWhere(`entry.${field} = :${field}`, { [field]: query[field] });
    }
    if (query.actorType) builder.andWhere('entry.actorType IN (:...actorType)', { actorType: query.actorType });
    if (query.from) builder.andWhere('entry.occurredAt >= :from', { from: query.from });
    if (query.to) builder.andWhere('entry.occurredAt <= :to', { to: query.to });
    const page = await paginate(builder, query, AUDIT_SORT);
    return { items: page.items.map(toAuditLogResponse), pagination: page.pagination };
  }
}
