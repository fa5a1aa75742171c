import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@wardline/auth';
import { ApiErrorResponses } from '@wardline/common';
import { AuditLogListResponse } from './audit-log.response';
import { AuditLogsService } from './audit-logs.service';
import { ListAuditLogsQuery } from './dto/list-audit-logs.query';

@ApiTags('Audit log')
@Controller('api/audit-logs')
export class AuditLogsController {
  constructor(private readonly auditLogs: AuditLogsService) {}

  @Get()
  @RequireScope('audit:read')
  @ApiOperation({
    summary: 'Read the audit log',
    description:
      'Every change made through the API, the dashboard or the operator CLI, and every API key lifecycle event, ' +
      'newest first. Append-only: no route or database role can change an entry. Use `cursor` to page deep.',
  })
  @ApiOkResponse({ type: AuditLogListResponse })
  @ApiErrorResponses(400)
  async list(@Query() query: ListAuditLogsQuery): Promise<AuditLogListResponse> {
    const page = await this.auditLogs.list(query);
    return { auditLogs: page.items, pagination: page.pagination };
  }
}
