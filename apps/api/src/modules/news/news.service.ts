import { Injectable } from '@nestjs/common';
import { PrincipalContext } from '@wardline/auth';
import { ChangeRecorder } from '@wardline/changes';
import { ApiError, type Page, paginate, versioned, type Versioned, versionMismatch } from '@wardline/common';
import { NewsItem, User, Ward } from '@wardline/database';
import { InjectTenantRepository, TenantRepository, updatedOrThrow } from '@wardline/tenancy';
import { authorIn, authorsOf } from '../../shared/publishing/created-by';
import { requireKnownWards } from '../../shared/publishing/known-wards';
import { approvalPatch, approveMany } from '../../shared/publishing/publication';
import { SUCCESS, type SuccessResponse } from '../../shared/success.response';
import type { CreateNewsDto } from './dto/create-news.dto';
import type { ListNewsQuery } from './dto/list-news.query';
import type { UpdateNewsDto } from './dto/update-news.dto';
import { NEWS_SORT } from './news-order';
import { type NewsResponse, toNewsResponse } from './news.response';

const newsNotFound = () => ApiError.notFound('News item');

@Injectable()
export class NewsService {
  constructor(
    @InjectTenantRepository(NewsItem) private readonly news: TenantRepository<NewsItem>,
    @InjectTenantRepository(User) private readonly users: TenantRepository<User>,
    @InjectTenantRepository(Ward) private readonly wards: TenantRepository<Ward>,
    private readonly recorder: ChangeRecorder,
    private readonly principals: PrincipalContext,
  ) {}

  async list(filters: ListNewsQuery): Promise<Page<NewsResponse>> {
    const query = this.news.query('item');
    if (filters.approved !== undefined) query.andWhere('item.approved = :approved', { approved: filters.approved });
    const page = await paginate(query, filters, NEWS_SORT);
    return { items: await this.present(page.items), pagination: page.pagination };
  }

  async get(id: string): Promise<Versioned<NewsResponse>> {
    const item = await this.news.findById(id, 'item');
    if (!item) throw newsNotFound();
    return this.presentOne(item);
  }

  async create(input: CreateNewsDto): Promise<Versioned<NewsResponse>> {
    const { approved: _ignored, wardIds = [], ...fields } = input;
    await requireKnownWards(this.wards, 'wardIds', wardIds);
    const item = await this.news.insert({
      ...fields,
      wardIds: [...new Set(wardIds)],
      approved: false,
      publishedAt: null,
      createdById: this.principals.current.owner.id,
    });
    const shown = await this.presentOne(item);
    await this.recorder.record({
      action: 'news.created',
      resourceType: 'news',
      resourceId: item.id,
      after: shown.body,
    });
    return shown;
  }

  async update(id: string, input: UpdateNewsDto, expectedVersion?: number): Promise<Versioned<NewsResponse>> {
    const current = await this.news.findForUpdate(id);
    if (!current) throw newsNotFound();
    const { approved, wardIds, ...fields } = input;
    if (wardIds) await requireKnownWards(this.wards, 'wardIds', wardIds);
    const approval = approvalPatch(current, approved);
    const outcome = await this.news.update(
      id,
      { ...fields, ...(wardIds ? { wardIds: [...new Set(wardIds)] } : {}), ...approval.patch },
      expectedVersion,
    );
    const item = updatedOrThrow(outcome, newsNotFound, (row) => versionMismatch(row.version));
    const shown = await this.presentOne(item);
    if (outcome.kind === 'updated') {
      await this.recorder.record({
        action: approval.patch.approved === true ? 'news.approved' : 'news.updated',
        resourceType: 'news',
        resourceId: id,
        before: toNewsResponse(outcome.before, shown.body.createdBy),
        after: shown.body,
        events: approval.firstPublished ? [{ type: 'news_published', data: { news: shown.body } }] : [],
      });
    }
    return shown;
  }

  async delete(id: string): Promise<SuccessResponse> {
    const item = await this.news.findForUpdate(id);
    if (!item) throw newsNotFound();
    const [shown] = await this.present([item]);
    await this.news.delete(id);
    await this.recorder.record({ action: 'news.deleted', resourceType: 'news', resourceId: id, before: shown });
    return SUCCESS;
  }

  /** One audit entry for the request, naming the ids it approved; one outbox row per first publication. */
  async approve(ids: readonly string[]): Promise<{ approved: number }> {
    const result = await approveMany(this.news, ids);
    if (result.approved.length > 0) {
      const published = await this.present(result.firstPublished);
      await this.recorder.record({
        action: 'news.approved',
        resourceType: 'news',
        resourceId: null,
        after: { ids: result.approved.map((item) => item.id), approved: true },
        events: published.map((news) => ({ type: 'news_published', data: { news } })),
      });
    }
    return { approved: result.approved.length };
  }

  private async presentOne(item: NewsItem): Promise<Versioned<NewsResponse>> {
    const [response] = await this.present([item]);
    return versioned(response, item.version);
  }

  private async present(items: NewsItem[]): Promise<NewsResponse[]> {
    const authors = await authorsOf(this.users, items);
    return items.map((item) => toNewsResponse(item, authorIn(authors, item.createdById)));
  }
}
