import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@wardline/auth';
import {
  ApiErrorResponses,
  ApiExportResponse,
  IfMatch,
  sendExport,
  StreamedExport,
  type Versioned,
} from '@wardline/common';
import { WithoutRequestTransaction } from '@wardline/tenancy';
import type { FastifyReply } from 'fastify';
import { HeavyWork } from '../../shared/heavy-work/heavy-work';
import { CreateWardDto } from './dto/create-ward.dto';
import { ExportWardsQuery, ListWardsQuery } from './dto/list-wards.query';
import { UpdateWardDto } from './dto/update-ward.dto';
import { WARD_EXPORT_COLUMNS } from './ward-export.columns';
import { WardExportRow, WardListResponse, WardResponse } from './ward.response';
import { WardsService } from './wards.service';

@ApiTags('Wards')
@Controller('api/wards')
export class WardsController {
  constructor(private readonly wards: WardsService) {}

  @Get()
  @RequireScope('wards:read')
  @ApiOperation({ summary: 'List wards', description: 'Sort: `name` (default), `createdAt`; prefix `-` to reverse.' })
  @ApiOkResponse({ type: WardListResponse })
  @ApiErrorResponses(400)
  async list(@Query() query: ListWardsQuery): Promise<WardListResponse> {
    const page = await this.wards.list(query);
    return { wards: page.items, pagination: page.pagination };
  }

  @Get('export')
  @RequireScope('wards:read')
  @HeavyWork()
  @WithoutRequestTransaction()
  @StreamedExport()
  @ApiOperation({ summary: 'Export every matching ward with its case count (CSV or JSON)' })
  @ApiExportResponse('wards', WardExportRow, WARD_EXPORT_COLUMNS)
  @ApiErrorResponses(400)
  export(@Query() query: ExportWardsQuery, @Res() reply: FastifyReply): FastifyReply {
    return sendExport(reply, {
      resource: 'wards',
      query,
      rows: this.wards.export(query),
      columns: WARD_EXPORT_COLUMNS,
      toJson: (row) => row,
    });
  }

  @Get(':id')
  @RequireScope('wards:read')
  @ApiOperation({ summary: 'Get a ward' })
  @ApiOkResponse({ type: WardResponse, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiErrorResponses(404)
  get(@Param('id') id: string): Promise<Versioned<WardResponse>> {
    return this.wards.get(id);
  }

  @Post()
  @HttpCode(201)
  @RequireScope('settings:write')
  @ApiOperation({ summary: 'Create a ward' })
  @ApiCreatedResponse({ type: WardResponse })
  @ApiErrorResponses(400, 409, 413, 422)
  create(@Body() body: CreateWardDto): Promise<Versioned<WardResponse>> {
    return this.wards.create(body);
  }

  @Patch(':id')
  @RequireScope('settings:write')
  @ApiOperation({ summary: 'Update a ward (only the given fields change)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 409 if it changed' })
  @ApiOkResponse({ type: WardResponse })
  @ApiErrorResponses(400, 404, 409, 413, 422)
  update(
    @Param('id') id: string,
    @Body() body: UpdateWardDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<Versioned<WardResponse>> {
    return this.wards.update(id, body, expectedVersion);
  }
}
