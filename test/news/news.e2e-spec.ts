import { randomUUID } from 'node:crypto';
import { type KeyedUser } from '../support/fixtures';
import { expectEnvelope, expectFieldError } from '../support/expectations';
import { createDraft, NEWS } from '../support/publications';
import { useApiSuite } from '../support/suite';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NEWS_FIELDS = [
  'approved',
  'body',
  'createdAt',
  'createdBy',
  'id',
  'publishedAt',
  'source',
  'summary',
  'title',
  'updatedAt',
  'wardIds',
];

interface News {
  id: string;
  title: string;
  approved: boolean;
  publishedAt: string | null;
}

const titles = (rows: News[]) => rows.map((item) => item.title);

describe('News (contract §4)', () => {
  const suite = useApiSuite({ RATE_LIMIT_PER_MINUTE: '1000000' });
  let councillor: KeyedUser;
  let wardIds: string[];

  const request = (...args: Parameters<typeof suite.request>) => suite.request(...args);
  const post = (json: unknown) => request('POST', '/api/news', { key: councillor.key, json });

  beforeAll(async () => {
    councillor = await suite.fixtures.keyedUser('council', 'councillor');
    const admin = await suite.fixtures.user(councillor.tenant, 'admin');
    const settings = await suite.fixtures.key(councillor.tenant, admin, ['settings:write']);
    wardIds = [];
    for (const name of ['North', 'South']) {
      wardIds.push((await request('POST', '/api/wards', { key: settings.key, json: { name } })).body.id as string);
    }
  });

  it('POST answers 201 with every contract field', async () => {
    const input = {
      title: 'New crossing for Mill Lane',
      summary: 'Work starts in March',
      body: 'After two years of campaigning by residents, the crossing is funded.',
      source: 'Cabinet minutes',
      wardIds,
    };
    const response = await post(input);
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).toSorted()).toEqual(NEWS_FIELDS);
    expect(response.body).toEqual({
      ...input,
      id: expect.stringMatching(UUID),
      approved: false,
      publishedAt: null,
      createdBy: { id: councillor.owner.id, name: councillor.owner.name },
      createdAt: expect.stringMatching(ISO_MS),
      updatedAt: expect.stringMatching(ISO_MS),
    });
  });

  it('wardIds: optional (empty), deduplicated, every one a ward of this council, at most 50', async () => {
    expect((await createDraft(suite.request, NEWS, councillor.key)).wardIds).toEqual([]);
    const twice = await post(NEWS.draft({ wardIds: [wardIds[0], wardIds[0]] }));
    expect(twice.body.wardIds).toEqual([wardIds[0]]);
    expectFieldError(await post(NEWS.draft({ wardIds: [wardIds[0], randomUUID()] })), 422, 'wardIds');
    const tooMany = Array.from({ length: 51 }, () => randomUUID());
    expectFieldError(await post(NEWS.draft({ wardIds: tooMany })), 400, 'wardIds');
    expectFieldError(await post(NEWS.draft({ wardIds: ['north'] })), 400, 'wardIds');

    const patched = await request('PATCH', `/api/news/${twice.body.id}`, {
      key: councillor.key,
      json: { wardIds: [wardIds[1]] },
    });
    expect(patched.body.wardIds).toEqual([wardIds[1]]);
    const refused = await request('PATCH', `/api/news/${twice.body.id}`, {
      key: councillor.key,
      json: { wardIds: [randomUUID()] },
    });
    expectFieldError(refused, 422, 'wardIds');
  });

  it('title and body are required; an unknown field or a writable publishedAt is a 400', async () => {
    expectFieldError(await post({ body: 'x' }), 400, 'title');
    expectFieldError(await post({ title: 'x' }), 400, 'body');
    expectFieldError(await post(NEWS.draft({ author: 'me' })), 400, 'author');
    const item = await createDraft(suite.request, NEWS, councillor.key);
    const response = await request('PATCH', `/api/news/${item.id}`, {
      key: councillor.key,
      json: { publishedAt: '2020-01-01T00:00:00Z' },
    });
    expectFieldError(response, 400, 'publishedAt');
  });

  describe('order, filter and paging', () => {
    let tenantKey: string;
    let expected: string[];

    beforeAll(async () => {
      const fresh = await suite.fixtures.keyedUser('council', 'councillor');
      tenantKey = fresh.key;
      const items: News[] = [];
      for (const label of ['A', 'B', 'C', 'D', 'E']) {
        items.push(await createDraft(suite.request, NEWS, tenantKey, { title: label }));
      }
      const [a, b, c, d, e] = items;
      await request('POST', '/api/news/approve', { key: tenantKey, json: { ids: [a.id, b.id, c.id] } });
      // Fixed, distinct times: a draft made after every publication still lists after them.
      const times: [News, string | null, string][] = [
        [a, '2026-01-03T10:00:00.000Z', '2025-12-01T10:00:00.000Z'],
        [b, '2026-01-05T10:00:00.000Z', '2025-12-02T10:00:00.000Z'],
        [c, '2026-01-04T10:00:00.000Z', '2025-12-03T10:00:00.000Z'],
        [d, null, '2025-11-01T10:00:00.000Z'],
        [e, null, '2027-01-01T10:00:00.000Z'],
      ];
      for (const [item, publishedAt, createdAt] of times) {
        await suite.fixtures.owner.query('UPDATE news SET published_at = $1, created_at = $2 WHERE id = $3', [
          publishedAt,
          createdAt,
          item.id,
        ]);
      }
      expected = ['B', 'C', 'A', 'E', 'D'];
    });

    const fetch = async (query: string) => {
      const response = await request('GET', `/api/news?${query}`, { key: tenantKey });
      expect(response.status).toBe(200);
      return response.body as { news: News[]; pagination: Record<string, unknown> };
    };

    it('lists newest publishedAt first, then drafts newest createdAt first; sort=publishedAt reverses', async () => {
      expect(titles((await fetch('')).news)).toEqual(expected);
      expect(titles((await fetch('sort=-publishedAt')).news)).toEqual(expected);
      expect(titles((await fetch('sort=publishedAt')).news)).toEqual(expected.toReversed());
      expectFieldError(await request('GET', '/api/news?sort=title', { key: tenantKey }), 400, 'sort');
    });

    it('filters by approved', async () => {
      expect(titles((await fetch('approved=true')).news)).toEqual(['B', 'C', 'A']);
      expect(titles((await fetch('approved=false')).news)).toEqual(['E', 'D']);
      expectFieldError(await request('GET', '/api/news?approved=1', { key: tenantKey }), 400, 'approved');
    });

    it('pages in page mode and in cursor mode to the same order, across the published/draft boundary', async () => {
      const first = await fetch('pageSize=2');
      expect(first.pagination).toMatchObject({ page: 1, pageSize: 2, total: 5, totalPages: 3 });
      const seen = [...first.news];
      let cursor = first.pagination.nextCursor as string | null;
      while (cursor) {
        const next = await fetch(`pageSize=2&cursor=${encodeURIComponent(cursor)}`);
        seen.push(...next.news);
        cursor = next.pagination.nextCursor as string | null;
      }
      expect(titles(seen)).toEqual(expected);
      expect(titles((await fetch('pageSize=2&page=2')).news)).toEqual(['A', 'E']);
      const reversed = await fetch('pageSize=3&sort=publishedAt');
      const rest = await fetch(`pageSize=3&sort=publishedAt&cursor=${reversed.pagination.nextCursor as string}`);
      expect(titles([...reversed.news, ...rest.news])).toEqual(expected.toReversed());
      expectEnvelope(await request('GET', '/api/news?page=1&cursor=x', { key: tenantKey }), 400);
    });
  });
});
