import { type KeyedUser } from '../support/fixtures';
import { expectEnvelope, expectFieldError } from '../support/expectations';
import { createDraft, daysAhead, EVENTS } from '../support/publications';
import { useApiSuite } from '../support/suite';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const EVENT_FIELDS = [
  'approved',
  'cancelled',
  'createdAt',
  'createdBy',
  'description',
  'endsAt',
  'id',
  'location',
  'publishedAt',
  'startsAt',
  'title',
  'type',
  'updatedAt',
  'wardId',
];

interface Event {
  id: string;
  title: string;
  type: string;
  startsAt: string;
  endsAt: string | null;
  wardId: string | null;
  approved: boolean;
  cancelled: boolean;
}

const titles = (rows: Event[]) => rows.map((event) => event.title);
const byStart = (rows: Event[]) => rows.toSorted((a, b) => a.startsAt.localeCompare(b.startsAt));

describe('Events (contract §4)', () => {
  const suite = useApiSuite({ RATE_LIMIT_PER_MINUTE: '1000000' });
  let councillor: KeyedUser;
  let wardId: string;

  const request = (...args: Parameters<typeof suite.request>) => suite.request(...args);
  const create = (fields: Record<string, unknown> = {}): Promise<Event> =>
    createDraft(suite.request, EVENTS, councillor.key, fields);
  const post = (json: unknown) => request('POST', '/api/events', { key: councillor.key, json });
  const patch = (id: string, json: unknown) => request('PATCH', `/api/events/${id}`, { key: councillor.key, json });
  const list = async (query: string) => {
    const response = await request('GET', `/api/events?${query}`, { key: councillor.key });
    expect(response.status).toBe(200);
    return response.body as { events: Event[]; pagination: Record<string, unknown> };
  };

  beforeAll(async () => {
    councillor = await suite.fixtures.keyedUser('council', 'councillor');
    const admin = await suite.fixtures.user(councillor.tenant, 'admin');
    const settings = await suite.fixtures.key(councillor.tenant, admin, ['settings:write']);
    const ward = await request('POST', '/api/wards', { key: settings.key, json: { name: 'Riverside' } });
    wardId = ward.body.id as string;
  });

  it('POST answers 201 with every contract field', async () => {
    const input = {
      title: 'Ward surgery',
      description: 'Bring your questions',
      type: 'surgery',
      startsAt: daysAhead(3),
      endsAt: daysAhead(3, 1),
      location: 'Mill Lane library',
      wardId,
    };
    const response = await post(input);
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).toSorted()).toEqual(EVENT_FIELDS);
    expect(response.body).toEqual({
      ...input,
      id: expect.stringMatching(UUID),
      approved: false,
      publishedAt: null,
      cancelled: false,
      createdBy: { id: councillor.owner.id, name: councillor.owner.name },
      createdAt: expect.stringMatching(ISO_MS),
      updatedAt: expect.stringMatching(ISO_MS),
    });
  });

  it('accepts every event type of the contract and refuses others with 422', async () => {
    for (const type of ['surgery', 'council_meeting', 'committee_meeting', 'community', 'consultation']) {
      expect((await create({ type })).type).toBe(type);
    }
    expectFieldError(await post(EVENTS.draft({ type: 'party' })), 422, 'type');
  });

  describe('date rules', () => {
    it('a new event may not start in the past (422)', async () => {
      const response = await post(EVENTS.draft({ startsAt: daysAhead(-1), endsAt: null }));
      expectFieldError(response, 422, 'startsAt');
    });

    it('endsAt must be after startsAt (422), on create and on PATCH', async () => {
      const startsAt = daysAhead(5);
      expectFieldError(await post(EVENTS.draft({ startsAt, endsAt: startsAt })), 422, 'endsAt');
      expectFieldError(await post(EVENTS.draft({ startsAt, endsAt: daysAhead(4) })), 422, 'endsAt');

      const event = await create({ startsAt, endsAt: daysAhead(5, 2) });
      expectFieldError(await patch(event.id, { startsAt: daysAhead(6) }), 422, 'endsAt');
      expectFieldError(await patch(event.id, { endsAt: daysAhead(4) }), 422, 'endsAt');
      const times = { startsAt: daysAhead(6), endsAt: daysAhead(6, 1) };
      const moved = await patch(event.id, times);
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject(times);
    });

    it('PATCH may not move the start into the past, but other edits of a started event are fine', async () => {
      const event = await create();
      expectFieldError(await patch(event.id, { startsAt: daysAhead(-2) }), 422, 'startsAt');
      await suite.fixtures.owner.query(
        `UPDATE events SET starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' WHERE id = $1`,
        [event.id],
      );
      const edited = await patch(event.id, { location: 'Moved to the hall' });
      expect(edited.status).toBe(200);
      expect(edited.body.location).toBe('Moved to the hall');
    });

    it('a malformed date is a 400', async () => {
      expectFieldError(await post(EVENTS.draft({ startsAt: 'tomorrow' })), 400, 'startsAt');
    });
  });

  it('cancelling is a PATCH of cancelled: true; the event stays listed, cancelled', async () => {
    const event = await create({ title: 'To be cancelled' });
    const cancelled = await patch(event.id, { cancelled: true });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ cancelled: true, title: 'To be cancelled' });
    const listed = (await list('pageSize=100')).events.find((candidate) => candidate.id === event.id);
    expect(listed).toMatchObject({ cancelled: true });
  });

  describe('list filters, sort and paging', () => {
    let tenantKey: string;
    let events: Event[];

    beforeAll(async () => {
      const fresh = await suite.fixtures.keyedUser('council', 'admin');
      tenantKey = fresh.key;
      const ward = await request('POST', '/api/wards', { key: tenantKey, json: { name: 'Hilltop' } });
      const make = async (fields: Record<string, unknown>) =>
        (await createDraft(suite.request, EVENTS, tenantKey, fields)) as Event;
      events = [
        await make({ type: 'surgery', startsAt: daysAhead(10), endsAt: null, wardId: ward.body.id }),
        await make({ type: 'community', startsAt: daysAhead(2), endsAt: null }),
        await make({ type: 'surgery', startsAt: daysAhead(5), endsAt: null }),
        await make({ type: 'consultation', startsAt: daysAhead(20), endsAt: null, wardId: ward.body.id }),
        await make({ type: 'surgery', startsAt: daysAhead(1), endsAt: null }),
      ];
      await request('POST', '/api/events/approve', { key: tenantKey, json: { ids: [events[0].id, events[1].id] } });
    });

    const fetch = async (query: string) => {
      const response = await request('GET', `/api/events?${query}`, { key: tenantKey });
      expect(response.status).toBe(200);
      return response.body as { events: Event[]; pagination: Record<string, unknown> };
    };

    it('lists by startsAt ascending by default, descending with -startsAt', async () => {
      expect(titles((await fetch('')).events)).toEqual(titles(byStart(events)));
      expect(titles((await fetch('sort=-startsAt')).events)).toEqual(titles(byStart(events).toReversed()));
      expectFieldError(await request('GET', '/api/events?sort=title', { key: tenantKey }), 400, 'sort');
    });

    it('filters by type, wardId, approved, from and to', async () => {
      expect(titles((await fetch('type=surgery')).events)).toEqual(
        titles(byStart(events.filter((event) => event.type === 'surgery'))),
      );
      expect(titles((await fetch(`wardId=${events[0].wardId}`)).events)).toEqual([events[0].title, events[3].title]);
      expect(titles((await fetch('approved=true')).events)).toEqual([events[1].title, events[0].title]);
      expect((await fetch('approved=false')).events).toHaveLength(3);
      const from = encodeURIComponent(daysAhead(3));
      const to = encodeURIComponent(daysAhead(15));
      expect(titles((await fetch(`from=${from}&to=${to}`)).events)).toEqual([events[2].title, events[0].title]);
      expect(titles((await fetch('type=surgery,consultation')).events)).toEqual(
        titles(byStart(events.filter((event) => ['surgery', 'consultation'].includes(event.type)))),
      );
      expect(titles((await fetch(`wardId=${events[0].wardId}&wardId=${events[0].wardId}`)).events)).toEqual([
        events[0].title,
        events[3].title,
      ]);
      expectFieldError(await request('GET', '/api/events?type=party', { key: tenantKey }), 400, 'type');
      expectFieldError(await request('GET', '/api/events?approved=yes', { key: tenantKey }), 400, 'approved');
      expectFieldError(await request('GET', '/api/events?from=soon', { key: tenantKey }), 400, 'from');
    });

    it('pages in page mode and in cursor mode to the same order', async () => {
      const first = await fetch('pageSize=2');
      expect(first.pagination).toMatchObject({ page: 1, pageSize: 2, total: 5, totalPages: 3 });
      const pages = [first.events];
      let cursor = first.pagination.nextCursor as string | null;
      while (cursor) {
        const next = await fetch(`pageSize=2&cursor=${encodeURIComponent(cursor)}`);
        expect(next.pagination).toMatchObject({ page: null, total: null, totalPages: null });
        pages.push(next.events);
        cursor = next.pagination.nextCursor as string | null;
      }
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(titles(pages.flat())).toEqual(titles(byStart(events)));
      expect(titles((await fetch('pageSize=2&page=3')).events)).toEqual([byStart(events)[4].title]);
      expectEnvelope(await request('GET', '/api/events?cursor=forged', { key: tenantKey }), 400);
    });
  });

  it('an unknown field is a 400 and a bad body never a 500', async () => {
    expectFieldError(await post(EVENTS.draft({ colour: 'red' })), 400, 'colour');
    expectFieldError(await post({ type: 'surgery', startsAt: daysAhead(1) }), 400, 'title');
    const event = await create();
    expectFieldError(await patch(event.id, { createdBy: 'me' }), 400, 'createdBy');
    expectFieldError(await patch(event.id, { cancelled: null }), 400, 'cancelled');
    expectFieldError(await patch(event.id, { publishedAt: daysAhead(1) }), 400, 'publishedAt');
  });
});
