import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@wardline/auth';
import { ApiErrorResponses, etagOf, parseIfMatch } from '@wardline/common';
import type { FastifyReply } from 'fastify';
import { CategoriesService } from './categories.service';
import { CategoryListResponse, CategoryResponse, toCategoryResponse } from './category.response';
import { CreateCategoryDto } from './dto/create-category.dto';
import { ListCategoriesQuery } from './dto/list-categories.query';
import { UpdateCategoryDto } from './dto/update-category.dto';

@ApiTags('Categories')
@Controller('api/categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @RequireScope('categories:read')
  @ApiOperation({ summary: 'List categories', description: 'Sort: `name` (default), `createdAt`; `-` reverses.' })
  @ApiOkResponse({ type: CategoryListResponse })
  @ApiErrorResponses(400)
  async list(@Query() query: ListCategoriesQuery): Promise<CategoryListResponse> {
    const page = await this.categories.list(query);
    return { categories: page.items.map(toCategoryResponse), pagination: page.pagination };
  }

  @Get(':id')
  @RequireScope('categories:read')
  @ApiOperation({ summary: 'Get a category' })
  @ApiOkResponse({ type: CategoryResponse, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiErrorResponses(404)
  async get(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CategoryResponse> {
    const category = await this.categories.get(id);
    void reply.header('ETag', etagOf(category.version));
    return toCategoryResponse(category);
  }

  @Post()
  @HttpCode(201)
  @RequireScope('settings:write')
  @ApiOperation({ summary: 'Create a category' })
  @ApiCreatedResponse({ type: CategoryResponse })
  @ApiErrorResponses(400, 409, 413, 422)
  async create(
    @Body() body: CreateCategoryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CategoryResponse> {
    const category = await this.categories.create(body);
    void reply.header('ETag', etagOf(category.version));
    return toCategoryResponse(category);
  }

  @Patch(':id')
  @RequireScope('settings:write')
  @ApiOperation({ summary: 'Update a category (only the given fields change)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 409 if it changed' })
  @ApiOkResponse({ type: CategoryResponse })
  @ApiErrorResponses(400, 404, 409, 413, 422)
  async update(
    @Param('id') id: string,
    @Body() body: UpdateCategoryDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CategoryResponse> {
    const category = await this.categories.update(id, body, parseIfMatch(ifMatch));
    void reply.header('ETag', etagOf(category.version));
    return toCategoryResponse(category);
  }
}
