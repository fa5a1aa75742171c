import type { ClientPathsWithMethod } from 'openapi-fetch';
import type { WardlineClient } from './client';
import { type CallResult, dataOf } from './errors';
import type { paths } from './generated/wardline-api';

type GetPath = ClientPathsWithMethod<WardlineClient, 'get'>;
type GetOperation<P extends GetPath> = paths[P]['get'];
type OkBody<Operation> = Operation extends { responses: { 200: { content: { 'application/json': infer Body } } } }
  ? Body
  : never;
type PageOf<P extends GetPath> = OkBody<GetOperation<P>>;

/** The list routes: those whose answer carries `pagination`. */
export type ListPath = { [P in GetPath]: PageOf<P> extends { pagination: unknown } ? P : never }[GetPath];

type ListKey<Page> = Exclude<keyof Page, 'pagination'>;
/** What one list route lists: the element type of its one array (`cases`, `wards`, …). */
export type ItemOf<P extends ListPath> = {
  [K in ListKey<PageOf<P>>]: PageOf<P>[K] extends readonly (infer Item)[] ? Item : never;
}[ListKey<PageOf<P>>];

type ListParameters<P extends ListPath> = GetOperation<P>['parameters'];
type ListQuery<P extends ListPath> = Omit<NonNullable<ListParameters<P>['query']>, 'cursor' | 'page'>;

export type ListAllOptions<P extends ListPath> = {
  query?: ListQuery<P>;
  maxPages?: number;
} & (ListParameters<P> extends {
  path: infer Path;
}
  ? { path: Path }
  : { path?: never });

/** At most this many pages unless `maxPages` says otherwise: 100 pages of 100 is 10,000 items. */
export const DEFAULT_MAX_PAGES = 100;

interface UntypedGet {
  GET(path: string, init: { params: { path?: unknown; query: Record<string, unknown> } }): Promise<CallResult<unknown>>;
}

interface AnyPage {
  pagination: { nextCursor: string | null };
  [key: string]: unknown;
}

function itemsOf(page: AnyPage, path: string): unknown[] {
  const lists = Object.entries(page).filter(([key, value]) => key !== 'pagination' && Array.isArray(value));
  if (lists.length !== 1) throw new Error(`${path} did not answer with one list and its pagination`);
  return lists[0][1] as unknown[];
}

/**
 * Every item of a list route, page after page in cursor mode (stable while items are added),
 * 100 to a page unless `query.pageSize` says otherwise. Stops with an error rather than
 * running on when more than `maxPages` pages would be needed: narrow the query or raise it.
 */
export async function* listAll<P extends ListPath>(
  client: WardlineClient,
  path: P,
  ...[options]: ListParameters<P> extends { path: unknown } ? [ListAllOptions<P>] : [ListAllOptions<P>?]
): AsyncGenerator<ItemOf<P>, void, undefined> {
  const maxPages = options?.maxPages ?? DEFAULT_MAX_PAGES;
  const query: Record<string, unknown> = { pageSize: 100, ...options?.query };
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages === maxPages) {
      throw new Error(`${path}: more than ${maxPages} pages; narrow the query or raise maxPages`);
    }
    const result = await (client as unknown as UntypedGet).GET(path, {
      params: { path: options?.path, query: cursor === undefined ? query : { ...query, cursor } },
    });
    const page = dataOf(result) as AnyPage;
    yield* itemsOf(page, path) as ItemOf<P>[];
    if (page.pagination.nextCursor === null) return;
    cursor = page.pagination.nextCursor;
  }
}
