import type { DataSource } from 'typeorm';
import { uniqueSuffix } from './fixtures';
import type { HttpClient } from './http';

/** Events and news: the two kinds of councillors' public content, drafted then approved. */
export interface PublicationKind {
  label: 'events' | 'news';
  path: string;
  listField: 'events' | 'news';
  resourceType: 'event' | 'news';
  publishedType: 'event_published' | 'news_published';
  /** Where the outbox payload holds the item: `data.<payloadField>`. */
  payloadField: 'event' | 'news';
  /** A valid new item. */
  draft: (fields?: Record<string, unknown>) => Record<string, unknown>;
}

/** An hour-aligned time `days` ahead: in the future for as long as a test runs. */
export const daysAhead = (days: number, hours = 0): string =>
  new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

export const EVENTS: PublicationKind = {
  label: 'events',
  path: '/api/events',
  listField: 'events',
  resourceType: 'event',
  publishedType: 'event_published',
  payloadField: 'event',
  draft: (fields = {}) => ({
    title: `Surgery ${uniqueSuffix()}`,
    type: 'surgery',
    startsAt: daysAhead(7),
    endsAt: daysAhead(7, 2),
    ...fields,
  }),
};

export const NEWS: PublicationKind = {
  label: 'news',
  path: '/api/news',
  listField: 'news',
  resourceType: 'news',
  publishedType: 'news_published',
  payloadField: 'news',
  draft: (fields = {}) => ({ title: `News ${uniqueSuffix()}`, body: 'Work starts in March.', ...fields }),
};

export const PUBLICATION_KINDS = [EVENTS, NEWS];

/** POSTs a draft with `key`, expecting 201; returns the created item. */
export async function createDraft(
  request: HttpClient,
  kind: PublicationKind,
  key: string,
  fields: Record<string, unknown> = {},
): Promise<any> {
  const response = await request('POST', kind.path, { key, json: kind.draft(fields) });
  if (response.status !== 201) throw new Error(`${kind.path}: ${response.status} ${response.text}`);
  return response.body;
}

/** The `*_published` outbox rows of one item, read as the database owner. */
export async function publishedRows(owner: DataSource, kind: PublicationKind, itemId: string): Promise<unknown[]> {
  const rows = (await owner.query(`SELECT payload FROM outbox_events WHERE type = $1 AND payload #>> $2 = $3`, [
    kind.publishedType,
    `{data,${kind.payloadField},id}`,
    itemId,
  ])) as { payload: unknown }[];
  return rows.map((row) => row.payload);
}
