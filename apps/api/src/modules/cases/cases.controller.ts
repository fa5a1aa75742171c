import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, RequireScope } from '@wardline/auth';
import { viewerOf } from '@wardline/casework';
import {
  ApiErrorResponses,
  ApiExportResponse,
  IfMatch,
  ListQueryDto,
  sendExport,
  StreamedExport,
  type Versioned,
} from '@wardline/common';
import { SnapshotTransaction, WithoutRequestTransaction } from '@wardline/tenancy';
import type { FastifyReply } from 'fastify';
import { HeavyWork, queryHas } from '../../shared/heavy-work/heavy-work';
import { CASE_EXPORT_COLUMNS } from './case-export.columns';
import { CaseDetailResponse, CaseListResponse, CaseResponse, CaseTimelineResponse } from './case.response';
import { CasesService } from './cases.service';
import { AddNoteDto } from './dto/add-note.dto';
import { CreateCaseDto } from './dto/create-case.dto';
import { ExportCasesQuery, ListCasesQuery } from './dto/list-cases.query';
import { UpdateCaseDto } from './dto/update-case.dto';
import { NoteRateLimit } from './note-rate-limit';

const CASEWORKER_NOTE = ' A key owned by a caseworker sees only cases assigned to that caseworker.';

@ApiTags('Cases')
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly noteRateLimit: NoteRateLimit,
  ) {}

  @Get()
  @RequireScope('cases:read')
  @HeavyWork({ when: queryHas('search') })
  // The total and the page are two statements: one snapshot keeps them in agreement.
  @SnapshotTransaction()
  @ApiOperation({
    summary: 'List cases',
    description:
      'Sort: `createdAt` (default `-createdAt`), `updatedAt`, `reference`, `priority`, `dueAt`; with `search` the ' +
      'default is `-relevance`.' +
      CASEWORKER_NOTE,
  })
  @ApiOkResponse({ type: CaseListResponse })
  @ApiErrorResponses(400)
  async list(@Query() query: ListCasesQuery, @CurrentPrincipal() principal: Principal): Promise<CaseListResponse> {
    const page = await this.cases.list(query, viewerOf(principal));
    return { cases: page.items, pagination: page.pagination, ...(query.search ? { searchActive: true } : {}) };
  }

  @Get('export')
  @RequireScope('cases:read')
  @HeavyWork()
  @WithoutRequestTransaction()
  @StreamedExport()
  @ApiOperation({
    summary: 'Export every matching case (CSV or JSON), streamed',
    description: 'Takes the list filters.' + CASEWORKER_NOTE,
  })
  @ApiExportResponse('cases', CaseResponse, CASE_EXPORT_COLUMNS)
  @ApiErrorResponses(400)
  export(
    @Query() query: ExportCasesQuery,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    const viewer = viewerOf(principal);
    // Both are lazy: only the one for the asked format is ever read.
    return sendExport(reply, {
      resource: 'cases',
      query,
      rows: this.cases.export(query, viewer),
      csv: this.cases.exportCsv(query, viewer),
      columns: CASE_EXPORT_COLUMNS,
      toJson: (row) => row,
    });
  }

  @Get(':id')
  @RequireScope('cases:read')
  @ApiOperation({ summary: 'Get a case with its timeline', description: CASEWORKER_NOTE.trim() })
  @ApiOkResponse({ type: CaseDetailResponse, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiErrorResponses(404)
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<Versioned<CaseDetailResponse>> {
    return this.cases.get(id, viewerOf(principal));
  }

  @Get(':id/timeline')
  @RequireScope('cases:read')
  @ApiOperation({
    summary: "Page through a case's whole timeline, oldest first",
    description: 'Sort: `at` (default) or `-at`.' + CASEWORKER_NOTE,
  })
  @ApiOkResponse({ type: CaseTimelineResponse })
  @ApiErrorResponses(400, 404)
  async timeline(
    @Param('id') id: string,
    @Query() query: ListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseTimelineResponse> {
    const page = await this.cases.timeline(id, query, viewerOf(principal));
    return { timeline: page.items, pagination: page.pagination };
  }

  @Post()
  @HttpCode(201)
  @RequireScope('cases:write')
  @ApiOperation({
    summary: 'Create a case',
    description:
      'Gets the next reference (`<prefix>-<YYYY>-<seq>`). `dueAt` defaults from the category, else the tenant.',
  })
  @ApiCreatedResponse({ type: CaseDetailResponse })
  @ApiErrorResponses(400, 413, 422)
  create(
    @Body() body: CreateCaseDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Versioned<CaseDetailResponse>> {
    return this.cases.create(body, viewerOf(principal));
  }

  @Patch(':id')
  @RequireScope('cases:write')
  @ApiOperation({ summary: 'Update a case (only the given fields change)', description: CASEWORKER_NOTE.trim() })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 409 if it changed' })
  @ApiOkResponse({ type: CaseDetailResponse })
  @ApiErrorResponses(400, 404, 409, 413, 422)
  update(
    @Param('id') id: string,
    @Body() body: UpdateCaseDto,
    @IfMatch() expectedVersion: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Versioned<CaseDetailResponse>> {
    return this.cases.update(id, body, expectedVersion, viewerOf(principal));
  }

  @Post(':id/notes')
  @HttpCode(201)
  @RequireScope('cases:write')
  @ApiOperation({
    summary: 'Add a note to a case',
    description: 'Answers with the case and its latest timeline entries. At most 30 notes per case per key per minute.',
  })
  @ApiCreatedResponse({ type: CaseDetailResponse })
  @ApiErrorResponses(400, 404, 413, 429)
  async addNote(
    @Param('id') id: string,
    @Body() body: AddNoteDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Versioned<CaseDetailResponse>> {
    await this.noteRateLimit.take(principal.key.id, id);
    return this.cases.addNote(id, body, viewerOf(principal));
  }
}
