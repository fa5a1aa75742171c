import type { SortSpec } from '@wardline/common';
import type { NewsItem } from '@wardline/database';

/** Puts every published item above every draft, whatever their times (milliseconds since 1970 stay below it). */
const PUBLISHED_OFFSET = 1e13;

/**
 * The news order as one number, so paging (page or cursor) needs one sort key: published items
 * by `publishedAt`, then drafts by `createdAt`. Descending (the default) is newest published
 * first, drafts after, newest first.
 */
export const NEWS_SORT: SortSpec<NewsItem> = {
  fields: {
    publishedAt: {
      expression:
        '(CASE WHEN item.publishedAt IS NULL THEN 0 ELSE 10000000000000 END + ' +
        'floor(extract(epoch FROM COALESCE(item.publishedAt, item.createdAt)) * 1000))::double precision',
      type: 'number',
      value: (item) => (item.publishedAt ? PUBLISHED_OFFSET : 0) + (item.publishedAt ?? item.createdAt).getTime(),
    },
  },
  defaultSort: '-publishedAt',
  idExpression: 'item.id',
  id: (item) => item.id,
};
