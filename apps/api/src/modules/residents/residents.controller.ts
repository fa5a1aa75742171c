import { Body, Controller, Get, Headers, HttpCode, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, RequireScope } from '@wardline/auth';
import { viewerOf } from '@wardline/casework';
import { ApiErrorResponses, csvAttachment, requestedExportFormat } from '@wardline/common';
import { HeavyWork } from '../../shared/heavy-work/heavy-work';
import { EraseResidentDto, ResidentExportQuery } from './dto/resident-match.dto';
import { RESIDENT_EXPORT_COLUMNS, residentExportRows } from './resident-export.columns';
import { ResidentErasureResponse, ResidentExportResponse } from './resident.responses';
import { ResidentsService } from './residents.service';

const MATCHERS = 'Name the resident by exactly one of `email`, `phone`, or `postcode` with `name`.';

@ApiTags('Residents')
@Controller('api/residents')
export class ResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @Get('export')
  @RequireScope('cases:read', { minRole: 'manager', plans: ['council'] })
  @HeavyWork()
  @ApiOperation({
    summary: 'Subject access: every case and note holding a resident’s details (JSON or CSV)',
    description:
      `${MATCHERS} JSON by default; CSV with \`?format=csv\` or \`Accept: text/csv\` (\`?bom=true\` for Excel): ` +
      'one `case` line per case with every case column, then one `note` line per note (`caseId`, `reference`, ' +
      '`noteId`, `noteAt`, `noteBy`, `noteBody`). Audited as `resident.exported` (who asked, by which kind of ' +
      'detail, in which format).',
  })
  @ApiExtraModels(ResidentExportResponse)
  @ApiOkResponse({
    description: 'JSON: the cases, each with its notes. CSV: the columns listed in docs/residents-personal-data.md',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ResidentExportResponse) } },
      'text/csv': { schema: { type: 'string', example: 'record,caseId,reference,internalRef,status,…,noteBody' } },
    },
  })
  @ApiErrorResponses(400, 422)
  async export(
    @Query() query: ResidentExportQuery,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
  ): Promise<ResidentExportResponse | StreamableFile> {
    const format = requestedExportFormat(query, accept, 'json');
    const found = await this.residents.export(query, viewerOf(principal), format);
    if (format === 'json') return found;
    return csvAttachment('resident', residentExportRows(found.cases), RESIDENT_EXPORT_COLUMNS, query.bom === true);
  }

  @Post('erase')
  @HttpCode(200)
  @RequireScope('cases:write', { minRole: 'admin', plans: ['council'] })
  @HeavyWork()
  @ApiOperation({
    summary: 'Erasure: anonymise a resident across the council’s cases and their timelines',
    description:
      `${MATCHERS} \`confirm\` must be the number of matching cases (422 otherwise). Name, email, phone and ` +
      'address are emptied, the postcode kept to its outward code, note bodies replaced. Audited as `resident.erased` ' +
      'with counts only.',
  })
  @ApiOkResponse({ type: ResidentErasureResponse })
  @ApiErrorResponses(400, 422)
  erase(@Body() body: EraseResidentDto): Promise<ResidentErasureResponse> {
    return this.residents.erase(body);
  }
}
