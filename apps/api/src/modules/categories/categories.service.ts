import { Injectable } from '@nestjs/common';
import { ApiError, type Page, paginate, slugify, type SortSpec, versionMismatch } from '@wardline/common';
import { Category } from '@wardline/database';
import { InjectTenantRepository, TenantRepository, updatedOrThrow } from '@wardline/tenancy';
import type { CreateCategoryDto } from './dto/create-category.dto';
import type { ListCategoriesQuery } from './dto/list-categories.query';
import type { UpdateCategoryDto } from './dto/update-category.dto';

const CATEGORY_SORT: SortSpec<Category> = {
  fields: {
    name: { expression: 'category.name', type: 'text', value: (category) => category.name },
    createdAt: {
      expression: 'category.createdAt',
      type: 'timestamp',
      value: (category) => category.createdAt.toISOString(),
    },
  },
  defaultSort: 'name',
  idExpression: 'category.id',
  id: (category) => category.id,
};

const categoryNotFound = () => ApiError.notFound('Category');

@Injectable()
export class CategoriesService {
  constructor(@InjectTenantRepository(Category) private readonly categories: TenantRepository<Category>) {}

  list(query: ListCategoriesQuery): Promise<Page<Category>> {
    const builder = this.categories.query('category');
    if (query.enabled !== undefined) builder.andWhere('category.enabled = :enabled', { enabled: query.enabled });
    if (query.parentId !== undefined) builder.andWhere('category.parentId = :parentId', { parentId: query.parentId });
    return paginate(builder, query, CATEGORY_SORT);
  }

  async get(id: string): Promise<Category> {
    const category = await this.categories.findById(id, 'category');
    if (!category) throw categoryNotFound();
    return category;
  }

  async create(input: CreateCategoryDto): Promise<Category> {
    const slug = input.slug ?? slugify(input.name);
    if (!slug) {
      throw ApiError.badRequest('Validation failed', { fields: { slug: ['give a slug: none can be made from name'] } });
    }
    await this.checkParent(input.parentId);
    return this.categories.insert({ enabled: true, ...input, slug });
  }

  async update(id: string, patch: UpdateCategoryDto, expectedVersion?: number): Promise<Category> {
    if (patch.parentId === id) {
      throw ApiError.unprocessable('A category cannot be its own parent', {
        fields: { parentId: ['is this category'] },
      });
    }
    await this.checkParent(patch.parentId);
    return updatedOrThrow(await this.categories.update(id, patch, expectedVersion), categoryNotFound, (current) =>
      versionMismatch(current.version),
    );
  }

  private async checkParent(parentId: string | null | undefined): Promise<void> {
    if (parentId && !(await this.categories.existsById(parentId))) {
      throw ApiError.unprocessable('Unknown parentId in this tenant', {
        fields: { parentId: ['no such category in this tenant'] },
      });
    }
  }
}
