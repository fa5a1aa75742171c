import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@wardline/auth';
import { ApiErrorResponses, IfMatch, type Versioned } from '@wardline/common';
import { ApprovedCountResponse, ApproveIdsDto } from '../../shared/publishing/approval.dto';
import { SuccessResponse } from '../../shared/success.response';
import { CreateNewsDto } from './dto/create-news.dto';
import { ListNewsQuery } from './dto/list-news.query';
import { UpdateNewsDto } from './dto/update-news.dto';
import { NewsListResponse, NewsResponse } from './news.response';
import { NewsService } from './news.service';

@ApiTags('News')
@Controller('api/news')
export class NewsController {
  constructor(private readonly news: NewsService) {}

  @Get()
  @RequireScope('news:read')
  @ApiOperation({
    summary: 'List news',
    description:
      'Newest `publishedAt` first, then unpublished drafts, newest `createdAt` first (`sort=-publishedAt`, ' +
      'the default; `sort=publishedAt` reverses it). Filter with `approved`.',
  })
  @ApiOkResponse({ type: NewsListResponse })
  @ApiErrorResponses(400)
  async list(@Query() query: ListNewsQuery): Promise<NewsListResponse> {
    const page = await this.news.list(query);
    return { news: page.items, pagination: page.pagination };
  }

  @Post('approve')
  @HttpCode(200)
  @RequireScope('news:write')
  @ApiOperation({
    summary: 'Approve news in bulk (idempotent)',
    description:
      'Approves and publishes up to 100 items. `approved` counts only the items this request ' +
      'approved: already approved, unknown and other councils’ ids count 0 and are left alone. ' +
      'An item approved for the first time gets `publishedAt` and a `news_published` webhook.',
  })
  @ApiOkResponse({ type: ApprovedCountResponse })
  @ApiErrorResponses(400, 413)
  approve(@Body() body: ApproveIdsDto): Promise<ApprovedCountResponse> {
    return this.news.approve(body.ids);
  }

  @Get(':id')
  @RequireScope('news:read')
  @ApiOperation({ summary: 'Get a news item' })
  @ApiOkResponse({ type: NewsResponse, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiErrorResponses(404)
  get(@Param('id') id: string): Promise<Versioned<NewsResponse>> {
    return this.news.get(id);
  }

  @Post()
  @HttpCode(201)
  @RequireScope('news:write')
  @ApiOperation({
    summary: 'Create a news item (always a draft: approved false)',
    description: 'Every `wardIds` entry must be a ward of this council (422).',
  })
  @ApiCreatedResponse({ type: NewsResponse })
  @ApiErrorResponses(400, 413, 422)
  create(@Body() body: CreateNewsDto): Promise<Versioned<NewsResponse>> {
    return this.news.create(body);
  }

  @Patch(':id')
  @RequireScope('news:write')
  @ApiOperation({
    summary: 'Update, approve or withdraw a news item (only the given fields change)',
    description:
      '`approved: true` approves it and, the first time, sets `publishedAt` and sends `news_published`; ' +
      '`publishedAt` never moves after that.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 409 if it changed' })
  @ApiOkResponse({ type: NewsResponse })
  @ApiErrorResponses(400, 404, 409, 413, 422)
  update(
    @Param('id') id: string,
    @Body() body: UpdateNewsDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<Versioned<NewsResponse>> {
    return this.news.update(id, body, expectedVersion);
  }

  @Delete(':id')
  @RequireScope('news:write')
  @ApiOperation({ summary: 'Delete a news item' })
  @ApiOkResponse({ type: SuccessResponse })
  @ApiErrorResponses(404)
  delete(@Param('id') id: string): Promise<SuccessResponse> {
    return this.news.delete(id);
  }
}
