import { Injectable } from '@nestjs/common';
import { ChangeRecorder } from '@wardline/changes';
import {
  ApiError,
  type Page,
  paginate,
  slugify,
  type SortSpec,
  versioned,
  type Versioned,
  versionMismatch,
} from '@wardline/common';
import { Category } from '@wardline/database';
import {
  InjectTenantRepository,
  TenantContext,
  TenantRepository,
  TenantTransaction,
  updatedOrThrow,
} from '@wardline/tenancy';
import type { CreateCategoryDto } from './dto/create-category.dto';
import type { ListCategoriesQuery } from './dto/list-categories.query';
import type { UpdateCategoryDto } from './dto/update-category.dto';
import { type CategoryResponse, toCategoryResponse } from './category.response';

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
  constructor(
    @InjectTenantRepository(Category) private readonly categories: TenantRepository<Category>,
    private readonly recorder: ChangeRecorder,
    private readonly transaction: TenantTransaction,
    private readonly tenant: TenantContext,
  ) {}

  async list(query: ListCategoriesQuery): Promise<Page<CategoryResponse>> {
    const builder = this.categories.query('category');
    if (query.enabled !== undefined) builder.andWhere('category.enabled = :enabled', { enabled: query.enabled });
    if (query.parentId !== undefined) builder.andWhere('category.parentId = :parentId', { parentId: query.parentId });
    const page = await paginate(builder, query, CATEGORY_SORT);
    return { items: page.items.map(toCategoryResponse), pagination: page.pagination };
  }

  async get(id: string): Promise<Versioned<CategoryResponse>> {
    const category = await this.categories.findById(id, 'category');
    if (!category) throw categoryNotFound();
    return versioned(toCategoryResponse(category), category.version);
  }

  async create(input: CreateCategoryDto): Promise<Versioned<CategoryResponse>> {
    const slug = input.slug ?? slugify(input.name);
    if (!slug) {
      throw ApiError.badRequest('Validation failed', { fields: { slug: ['give a slug: none can be made from name'] } });
    }
    await this.checkParent(input.parentId);
    const category = await this.categories.insert({ enabled: true, ...input, slug });
    const after = toCategoryResponse(category);
    await this.recorder.record({
      action: 'category.created',
      resourceType: 'category',
      resourceId: category.id,
      after,
    });
    return versioned(after, category.version);
  }

  async update(id: string, patch: UpdateCategoryDto, expectedVersion?: number): Promise<Versioned<CategoryResponse>> {
    await this.checkParent(patch.parentId);
    if (patch.parentId) await this.lockCategoryTree();
    if (patch.parentId && (await this.ancestorsOf(patch.parentId)).includes(id)) {
      throw ApiError.unprocessable('A category cannot be its own parent or ancestor', {
        fields: { parentId: ['would make a loop of parents'] },
      });
    }
    const outcome = await this.categories.update(id, patch, expectedVersion);
    const category = updatedOrThrow(outcome, categoryNotFound, (current) => versionMismatch(current.version));
    const after = toCategoryResponse(category);
    if (outcome.kind === 'updated') {
      await this.recorder.record({
        action: 'category.updated',
        resourceType: 'category',
        resourceId: id,
        before: toCategoryResponse(outcome.before),
        after,
      });
    }
    return versioned(after, category.version);
  }

  /**
   * Parent moves in one tenant take turns (until the transaction ends), so two opposite moves
   * cannot both pass the loop check, nor deadlock on each other's rows.
   */
  private async lockCategoryTree(): Promise<void> {
    await this.transaction.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `wardline:category-tree:${this.tenant.tenantId}`,
    ]);
  }

  /** The category itself and every parent above it. */
  private async ancestorsOf(categoryId: string): Promise<string[]> {
    const ancestors: string[] = [];
    for (let current: string | null = categoryId; current && !ancestors.includes(current);) {
      ancestors.push(current);
      current = (await this.categories.findById(current))?.parentId ?? null;
    }
    return ancestors;
  }

  private async checkParent(parentId: string | null | undefined): Promise<void> {
    if (parentId && !(await this.categories.existsById(parentId))) {
      throw ApiError.unprocessable('Unknown parentId in this tenant', {
        fields: { parentId: ['no such category in this tenant'] },
      });
    }
  }
}
