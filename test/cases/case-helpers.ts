import type { ApiResponse, HttpClient } from '../support/http';
import { createCategory, created, createWard } from '../support/resources';
import { type Params, query } from '../support/values';
export { expectEnvelope, expectFieldError, expectVersionConflict } from '../support/expectations';
export { type ApiSuite as CaseSuite, useApiSuite as useCaseSuite } from '../support/suite';

export { compare, DAY_MS, ISO_MS, type Params, query, UUID } from '../support/values';

/** Every field of a case on read (contract §4, Cases), sorted. */
export const CASE_FIELDS = [
  'archived',
  'assignee',
  'category',
  'closedAt',
  'createdAt',
  'description',
  'dueAt',
  'firstResponseAt',
  'highlightedForPublic',
  'id',
  'internalRef',
  'priority',
  'publicSummary',
  'publicThemes',
  'reference',
  'residentAddress',
  'residentEmail',
  'residentName',
  'residentPhone',
  'residentPostcode',
  'resolvedAt',
  'sourceChannel',
  'status',
  'summary',
  'tags',
  'updatedAt',
  'version',
  'ward',
];
export const CASE_DETAIL_FIELDS = [...CASE_FIELDS, 'timeline', 'timelineTruncated'].toSorted();

export const STATUSES = ['open', 'in_progress', 'awaiting_response', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export const PRIORITY_RANK: Record<string, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

export interface NamedRef {
  id: string;
  name: string;
}

export interface TimelineEntry {
  id: string;
  type: string;
  at: string;
  actor: { type: string; id: string | null; name: string; owner: NamedRef | null };
  data: Record<string, any>;
}

export interface CaseBody {
  id: string;
  reference: string;
  internalRef: string | null;
  status: Status;
  priority: string;
  summary: string;
  description: string | null;
  residentName: string | null;
  residentEmail: string | null;
  residentPhone: string | null;
  residentAddress: string | null;
  residentPostcode: string | null;
  sourceChannel: string;
  archived: boolean;
  highlightedForPublic: boolean;
  publicSummary: string | null;
  publicThemes: string[];
  tags: string[];
  ward: NamedRef | null;
  category: NamedRef | null;
  assignee: (NamedRef & { role: string }) | null;
  dueAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  timeline?: TimelineEntry[];
  timelineTruncated?: boolean;
}

export const ids = (cases: { id: string }[]): string[] => cases.map((kase) => kase.id);

export const withoutTimeline = ({ timeline: _timeline, timelineTruncated: _truncated, ...rest }: CaseBody): CaseBody =>
  rest;

/** The year a tenant in `timeZone` is in now, as references use it. */
export const yearIn = (timeZone = 'Europe/London', at = new Date()): number =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(at));

/** POST /api/cases, expecting 201. */
export const createCase = (request: HttpClient, key: string, body: Record<string, unknown>) =>
  created<CaseBody>(request, key, '/api/cases', body);

/** Creates every body, `concurrency` at a time; results in the order of `bodies`. */
export async function createCases(
  request: HttpClient,
  key: string,
  bodies: Record<string, unknown>[],
  concurrency = 20,
): Promise<CaseBody[]> {
  const cases: CaseBody[] = [];
  for (let start = 0; start < bodies.length; start += concurrency) {
    const batch = bodies.slice(start, start + concurrency);
    cases.push(...(await Promise.all(batch.map((body) => createCase(request, key, body)))));
  }
  return cases;
}

/** PATCH /api/cases/:id, expecting 200. */
export async function patchCase(
  request: HttpClient,
  key: string,
  id: string,
  body: Record<string, unknown>,
): Promise<CaseBody> {
  const response = await request<CaseBody>('PATCH', `/api/cases/${id}`, { key, json: body });
  if (response.status !== 200) throw new Error(`PATCH /api/cases/${id}: ${response.status} ${response.text}`);
  return response.body;
}

/** GET /api/cases/:id, expecting 200. */
export async function getCase(request: HttpClient, key: string, id: string): Promise<CaseBody> {
  const response = await request<CaseBody>('GET', `/api/cases/${id}`, { key });
  if (response.status !== 200) throw new Error(`GET /api/cases/${id}: ${response.status} ${response.text}`);
  return response.body;
}

const refOf = ({ id, name }: NamedRef): NamedRef => ({ id, name });

/** A new ward named `name`, as a case refers to it (needs settings:write, admin). */
export const wardRef = async (request: HttpClient, key: string, name: string): Promise<NamedRef> =>
  refOf(await createWard(request, key, { name }));

/** A new category, as a case refers to it (needs settings:write, admin). */
export const categoryRef = async (
  request: HttpClient,
  key: string,
  name: string,
  slaDays: number | null = null,
): Promise<NamedRef> => refOf(await createCategory(request, key, { name, slaDays }));

/** A page of GET /api/cases, expecting 200. */
export async function listCases(request: HttpClient, key: string, params: Params = {}): Promise<ApiResponse> {
  const response = await request('GET', `/api/cases${query(params)}`, { key });
  if (response.status !== 200) throw new Error(`GET /api/cases${query(params)}: ${response.status} ${response.text}`);
  return response;
}

/** Every case matching `params`, in list order, following page numbers 1..totalPages. */
export async function walkPages(request: HttpClient, key: string, params: Params): Promise<CaseBody[]> {
  const first = await listCases(request, key, { ...params, page: 1 });
  const all: CaseBody[] = [...first.body.cases];
  for (let page = 2; page <= first.body.pagination.totalPages; page++) {
    const response = await listCases(request, key, { ...params, page });
    expect(response.body.pagination.page).toBe(page);
    all.push(...response.body.cases);
  }
  return all;
}

/** Every case matching `params`, in list order, starting in page mode then following `nextCursor`. */
export async function walkCursor(request: HttpClient, key: string, params: Params): Promise<CaseBody[]> {
  let response = await listCases(request, key, params);
  const all: CaseBody[] = [...response.body.cases];
  for (let hops = 0; response.body.pagination.nextCursor; hops++) {
    if (hops > 100) throw new Error('cursor walk does not end');
    response = await listCases(request, key, { ...params, cursor: response.body.pagination.nextCursor });
    expect(response.body.pagination).toMatchObject({ page: null, total: null, totalPages: null });
    all.push(...response.body.cases);
  }
  return all;
}

/** The key's own name and id, as `GET /api/me` reports them. */
export async function keyIdentity(request: HttpClient, key: string): Promise<{ id: string; name: string }> {
  const me = await request('GET', '/api/me', { key });
  if (me.status !== 200) throw new Error(`GET /api/me: ${me.status} ${me.text}`);
  return { id: me.body.key.id, name: me.body.key.name };
}
