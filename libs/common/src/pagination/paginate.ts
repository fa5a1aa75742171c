import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ApiError } from '../errors/api-error';
import { isUuid } from '../validation/uuid';
import { type CursorValue, decodeCursor, encodeCursor, invalidCursor } from './cursor';
import { DEFAULT_PAGE_SIZE, type ListQueryDto } from './list-query.dto';

export type SortValueType = 'text' | 'timestamp' | 'integer' | 'number' | 'uuid';

export interface SortField<E> {
  /** SQL expression the rows are ordered by (may use the query builder's alias). */
  expression: string;
  type: SortValueType;
  /** The row's value of `expression`; `raw` holds selected extras such as a search rank. */
  value: (row: E, raw: Record<string, unknown>) => CursorValue;
  /**
   * Worked out row by row (a search's relevance): no index yields this order, so any page
   * already computes every matching row, and page mode counts them in that same pass.
   */
  computedPerRow?: boolean;
}

export interface SortSpec<E> {
  fields: Record<string, SortField<E>>;
  /** e.g. `-createdAt` */
  defaultSort: string;
  /** Tie-breaker: the rows' primary key expression, e.g. `w.id`. */
  idExpression: string;
  id: (row: E) => string;
}

export interface Pagination {
  page: number | null;
  pageSize: number;
  total: number | null;
  totalPages: number | null;
  nextCursor: string | null;
}

export interface Page<E> {
  items: E[];
  pagination: Pagination;
}

const SQL_TYPES: Record<SortValueType, string> = {
  text: 'text',
  timestamp: 'timestamptz',
  integer: 'integer',
  number: 'double precision',
  uuid: 'uuid',
};

function checkValue(value: CursorValue, type: SortValueType): void {
  const ok =
    (type === 'text' && typeof value === 'string') ||
    (type === 'integer' && Number.isInteger(value)) ||
    (type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
    (type === 'uuid' && isUuid(value)) ||
    (type === 'timestamp' && typeof value === 'string' && !Number.isNaN(Date.parse(value)));
  if (!ok) throw invalidCursor();
}

/** Resolves `sort` against a route's whitelist. */
export function resolveSort<E>(sort: string | undefined, spec: SortSpec<E>) {
  const requested = sort ?? spec.defaultSort;
  const name = requested.replace(/^-/, '');
  // Own fields only: `constructor` or `toString` must not find the object prototype's.
  const field = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
  if (!field) {
    throw ApiError.badRequest(`Cannot sort by "${name}"`, {
      fields: { sort: [`sort must be one of: ${Object.keys(spec.fields).join(', ')} (prefix - for descending)`] },
    });
  }
  return { requested, field, direction: requested.startsWith('-') ? ('DESC' as const) : ('ASC' as const) };
}

/**
 * Page mode (`page`, with a count) or cursor mode (`cursor`, keyset, no count) over an
 * already tenant-scoped, filtered query. Joins must be to-one, so each row is one item.
 */
/** How a page's rows are read: entities (TypeORM hydration) by default, or raw rows for hot lists. */
export type RowReader<E extends ObjectLiteral, R> = (
  qb: SelectQueryBuilder<E>,
) => Promise<{ entities: R[]; raw: Record<string, unknown>[] }>;

/** Reads the rows as selected, unhydrated: the spec's `value` and `id` then see them as `pg` returns them. */
export const rawRows =
  <E extends ObjectLiteral, R extends ObjectLiteral>(): RowReader<E, R> =>
  async (qb) => {
    const raw = await qb.getRawMany<R>();
    return { entities: raw, raw };
  };

/**
 * A plain count(*): TypeORM's getCount() counts DISTINCT ids, which joins to one row each do not
 * need, and PostgreSQL can then drop those joins altogether.
 */
async function countRows<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): Promise<number> {
  const counted = await qb.clone().select('count(*)::int', 'total').orderBy().getRawOne<{ total: number }>();
  return counted?.total ?? 0;
}

const hydrated = <E extends ObjectLiteral>(qb: SelectQueryBuilder<E>) => qb.getRawAndEntities();

/**
 * A page-mode list's `total` found a cheaper way than counting the query's rows (counts kept
 * beside the table), or `null` where it cannot answer these filters: then `count(*)` runs.
 */
export type TotalCounter = () => Promise<number | null>;

export function paginate<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  query: ListQueryDto,
  spec: SortSpec<E>,
): Promise<Page<E>>;
export function paginate<E extends ObjectLiteral, R>(
  qb: SelectQueryBuilder<E>,
  query: ListQueryDto,
  spec: SortSpec<R>,
  read: RowReader<E, R>,
  countTotal?: TotalCounter,
): Promise<Page<R>>;
export async function paginate<E extends ObjectLiteral, R>(
  qb: SelectQueryBuilder<E>,
  query: ListQueryDto,
  spec: SortSpec<R>,
  read: RowReader<E, R> = hydrated as unknown as RowReader<E, R>,
  countTotal: TotalCounter = async () => null,
): Promise<Page<R>> {
  if (query.page !== undefined && query.cursor !== undefined) {
    throw ApiError.badRequest('Use either page or cursor, not both', {
      fields: { cursor: ['cannot be combined with page'] },
    });
  }
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const { requested, field, direction } = resolveSort(query.sort, spec);
  qb.orderBy(field.expression, direction).addOrderBy(spec.idExpression, direction);

  const cursorAfter = ({ entities, raw }: { entities: R[]; raw: Record<string, unknown>[] }, index: number) =>
    encodeCursor({ sort: requested, values: [field.value(entities[index], raw[index]), spec.id(entities[index])] });

  if (query.cursor !== undefined) {
    const [value, id] = decodeCursor(query.cursor, requested, 2);
    checkValue(value, field.type);
    checkValue(id, 'uuid');
    const comparison = direction === 'ASC' ? '>' : '<';
    qb.andWhere(
      `(${field.expression}, ${spec.idExpression}) ${comparison} (CAST(:cursorValue AS ${SQL_TYPES[field.type]}), CAST(:cursorId AS uuid))`,
      { cursorValue: value, cursorId: id },
    );
    const rows = await read(qb.limit(pageSize + 1));
    const items = rows.entities.slice(0, pageSize);
    return {
      items,
      pagination: {
        page: null,
        pageSize,
        total: null,
        totalPages: null,
        nextCursor: rows.entities.length > pageSize ? cursorAfter(rows, pageSize - 1) : null,
      },
    };
  }

  const page = query.page ?? 1;
  const offset = (page - 1) * pageSize;
  let total: number;
  let rows: { entities: R[]; raw: Record<string, unknown>[] };
  if (field.computedPerRow) {
    const ranked = await pageIdsAndTotal(qb, field.expression, spec.idExpression, direction, offset, pageSize);
    total = ranked.total;
    rows =
      ranked.ids.length === 0
        ? { entities: [], raw: [] }
        : await read(qb.andWhere(`${spec.idExpression} IN (:...pageIds)`, { pageIds: ranked.ids }).limit(pageSize));
  } else {
    total = (await countTotal()) ?? (await countRows(qb));
    rows = await read(qb.offset(offset).limit(pageSize));
  }
  const items = rows.entities;
  return {
    items,
    pagination: {
      page,
      pageSize,
      total,
      totalPages: Math.ceil(total / pageSize),
      nextCursor: page * pageSize < total && items.length > 0 ? cursorAfter(rows, items.length - 1) : null,
    },
  };
}

/**
 * One page's ids in order, and how many rows match, in one pass over the matches: for an order
 * worked out row by row, a count and a page query would each read every match. The window
 * counts over id and sort key only; `OFFSET 0` keeps the sort key computed inside the
 * subquery, so the wide rows are never buffered.
 */
async function pageIdsAndTotal<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  sortExpression: string,
  idExpression: string,
  direction: 'ASC' | 'DESC',
  offset: number,
  limit: number,
): Promise<{ ids: string[]; total: number }> {
  const matches = qb.clone().select(idExpression, 'id').addSelect(sortExpression, 'sort_key').orderBy();
  const rows = await qb
    .createQueryBuilder()
    .select('matches.id', 'id')
    .addSelect('(count(*) OVER ())::int', 'total')
    .from(`(${matches.getQuery()} OFFSET 0)`, 'matches')
    .setParameters(matches.getParameters())
    .orderBy('matches.sort_key', direction)
    .addOrderBy('matches.id', direction)
    .offset(offset)
    .limit(limit)
    .getRawMany<{ id: string; total: number }>();
  // A page past the last has no row to carry the count.
  const total = rows[0]?.total ?? (offset === 0 ? 0 : await countRows(qb));
  return { ids: rows.map((row) => row.id), total };
}
