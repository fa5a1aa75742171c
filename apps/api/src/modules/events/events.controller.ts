import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@wardline/auth';
import { ApiErrorResponses, IfMatch, type Versioned } from '@wardline/common';
import { ApprovedCountResponse, ApproveIdsDto } from '../../shared/publishing/approval.dto';
import { SuccessResponse } from '../../shared/success.response';
import { CreateEventDto } from './dto/create-event.dto';
import { ListEventsQuery } from './dto/list-events.query';
import { UpdateEventDto } from './dto/update-event.dto';
import { EventListResponse, EventResponse } from './event.response';
import { EventsService } from './events.service';

@ApiTags('Events')
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @RequireScope('events:read')
  @ApiOperation({
    summary: 'List events',
    description:
      'Drafts and approved events alike (filter with `approved`); cancelled events stay listed with ' +
      '`cancelled: true`. `from`/`to` bound `startsAt`. Sort: `startsAt` (default) or `-startsAt`.',
  })
  @ApiOkResponse({ type: EventListResponse })
  @ApiErrorResponses(400)
  async list(@Query() query: ListEventsQuery): Promise<EventListResponse> {
    const page = await this.events.list(query);
    return { events: page.items, pagination: page.pagination };
  }

  @Post('approve')
  @HttpCode(200)
  @RequireScope('events:write')
  @ApiOperation({
    summary: 'Approve events in bulk (idempotent)',
    description:
      'Approves and publishes up to 100 events. `approved` counts only the events this request ' +
      'approved: already approved, unknown and other councils’ ids count 0 and are left alone. ' +
      'An event approved for the first time gets `publishedAt` and an `event_published` webhook.',
  })
  @ApiOkResponse({ type: ApprovedCountResponse })
  @ApiErrorResponses(400, 413)
  approve(@Body() body: ApproveIdsDto): Promise<ApprovedCountResponse> {
    return this.events.approve(body.ids);
  }

  @Get(':id')
  @RequireScope('events:read')
  @ApiOperation({ summary: 'Get an event' })
  @ApiOkResponse({ type: EventResponse, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiErrorResponses(404)
  get(@Param('id') id: string): Promise<Versioned<EventResponse>> {
    return this.events.get(id);
  }

  @Post()
  @HttpCode(201)
  @RequireScope('events:write')
  @ApiOperation({
    summary: 'Create an event (always a draft: approved false)',
    description:
      '`startsAt` may not be in the past and `endsAt` must follow it (422); `wardId` must be a ward of this council (422).',
  })
  @ApiCreatedResponse({ type: EventResponse })
  @ApiErrorResponses(400, 413, 422)
  create(@Body() body: CreateEventDto): Promise<Versioned<EventResponse>> {
    return this.events.create(body);
  }

  @Patch(':id')
  @RequireScope('events:write')
  @ApiOperation({
    summary: 'Update, approve, withdraw or cancel an event (only the given fields change)',
    description:
      '`cancelled: true` cancels it; `approved: true` approves it and, the first time, sets `publishedAt` ' +
      'and sends `event_published`. A moved `startsAt` may not be in the past.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 409 if it changed' })
  @ApiOkResponse({ type: EventResponse })
  @ApiErrorResponses(400, 404, 409, 413, 422)
  update(
    @Param('id') id: string,
    @Body() body: UpdateEventDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<Versioned<EventResponse>> {
    return this.events.update(id, body, expectedVersion);
  }

  @Delete(':id')
  @RequireScope('events:write')
  @ApiOperation({ summary: 'Delete an event' })
  @ApiOkResponse({ type: SuccessResponse })
  @ApiErrorResponses(404)
  delete(@Param('id') id: string): Promise<SuccessResponse> {
    return this.events.delete(id);
  }
}
