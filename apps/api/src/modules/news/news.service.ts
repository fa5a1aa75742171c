import { Injectable } from '@nestjs/common';
import { PrincipalContext } from '@wardline/auth';
import { ChangeRecorder } from '@wardline/changes';
import { ApiError, type Page, paginate, type Versioned } from '@wardline/common';
import { NewsItem, User, Ward } from '@wardline/database';
import { InjectTenantRepository, TenantRepository } from '@wardline/tenancy';
import { requireKnownWards } from '../../shared/publishing/known-wards';
import { approvalPatch } from '../../shared/publishing/publication';
import { PublicationStore } from '../../shared/publishing/publication-store';
import type { SuccessResponse } from '../../shared/success.response';
import type { CreateNewsDto } from './dto/create-news.dto';
import type { ListNewsQuery } from './dto/list-news.query';
import type { UpdateNewsDto } from './dto/update-news.dto';
import { NEWS_SORT } from './news-order';
import { type NewsResponse, toNewsResponse } from './news.response';

@Injectable()
export class NewsService {
  private readonly store: PublicationStore<NewsItem, NewsResponse>;

  constructor(
    @InjectTenantRepository(NewsItem) private readonly news: TenantRepository<NewsItem>,
    @InjectTenantRepository(User) users: TenantRepository<User>,
    @InjectTenantRepository(Ward) private readonly wards: TenantRepository<Ward>,
    recorder: ChangeRecorder,
    private readonly principals: PrincipalContext,
  ) {
    this.store = new PublicationStore(news, users, recorder, {
      resourceType: 'news',
      publishedEvent: 'news_published',
      toResponse: toNewsResponse,
      notFound: () => ApiError.notFound('News item'),
    });
  }

  async list(filters: ListNewsQuery): Promise<Page<NewsResponse>> {
    const query = this.news.query('item');
    if (filters.approved !== undefined) query.andWhere('item.approved = :approved', { approved: filters.approved });
    const page = await paginate(query, filters, NEWS_SORT);
    return { items: await this.store.present(page.items), pagination: page.pagination };
  }

  get(id: string): Promise<Versioned<NewsResponse>> {
    return this.store.get(id);
  }

  async create(input: CreateNewsDto): Promise<Versioned<NewsResponse>> {
    const { approved: _alwaysADraft, wardIds = [], ...fields } = input;
    await requireKnownWards(this.wards, 'wardIds', wardIds);
    const item = await this.news.insert({
      ...fields,
      wardIds: [...new Set(wardIds)],
      approved: false,
      publishedAt: null,
      createdById: this.principals.current.owner.id,
    });
    return this.store.recordCreated(item);
  }

  async update(id: string, input: UpdateNewsDto, expectedVersion?: number): Promise<Versioned<NewsResponse>> {
    const current = await this.store.lock(id);
    const { approved, wardIds, ...fields } = input;
    if (wardIds) await requireKnownWards(this.wards, 'wardIds', wardIds);
    const approval = approvalPatch(current, approved);
    const outcome = await this.news.update(
      id,
      { ...fields, ...(wardIds ? { wardIds: [...new Set(wardIds)] } : {}), ...approval.patch },
      expectedVersion,
    );
    return this.store.recordUpdated(outcome, approval);
  }

  delete(id: string): Promise<SuccessResponse> {
    return this.store.delete(id);
  }

  approve(ids: readonly string[]): Promise<{ approved: number }> {
    return this.store.approve(ids);
  }
}
