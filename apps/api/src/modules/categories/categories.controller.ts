import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@wardline/auth';
import { ApiErrorResponses, IfMatch, type Versioned } from '@wardline/common';
import { CategoriesService } from './categories.service';
import { CategoryListResponse, CategoryResponse } from './category.response';
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
    return { categories: page.items, pagination: page.pagination };
  }

  @Get(':id')
  @RequireScope('categories:read')
  @ApiOperation({ summary: 'Get a category' })
  @ApiOkResponse({ type: CategoryResponse, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiErrorResponses(404)
  get(@Param('id') id: string): Promise<Versioned<CategoryResponse>> {
    return this.categories.get(id);
  }

  @Post()
  @HttpCode(201)
  @RequireScope('settings:write')
  @ApiOperation({ summary: 'Create a category' })
  @ApiCreatedResponse({ type: CategoryResponse })
  @ApiErrorResponses(400, 409, 413, 422)
  create(@Body() body: CreateCategoryDto): Promise<Versioned<CategoryResponse>> {
    return this.categories.create(body);
  }

  @Patch(':id')
  @RequireScope('settings:write')
  @ApiOperation({ summary: 'Update a category (only the given fields change)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 409 if it changed' })
  @ApiOkResponse({ type: CategoryResponse })
  @ApiErrorResponses(400, 404, 409, 413, 422)
  update(
    @Param('id') id: string,
    @Body() body: UpdateCategoryDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<Versioned<CategoryResponse>> {
    return this.categories.update(id, body, expectedVersion);
  }
}
