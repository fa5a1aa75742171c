import type { KeyedUser } from '../support/fixtures';
import {
  type CaseBody,
  createCase,
  expectFieldError,
  ids,
  listCases,
  type Params,
  patchCase,
  query,
  useCaseSuite,
  walkCursor,
  walkPages,
} from './case-helpers';

describe('Cases: search (contract §4)', () => {
  const suite = useCaseSuite();
  let admin: KeyedUser;
  let inSummary: CaseBody;
  let inDescription: CaseBody;
  let resident: CaseBody;
  let unrelated: CaseBody;
  let potholes: CaseBody[];

  const search = (params: Params) => listCases(suite.request, admin.key, params);
  const searchIds = async (params: Params) => ids((await search({ pageSize: 100, ...params })).body.cases);

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
    const create = (body: Record<string, unknown>) => createCase(suite.request, admin.key, body);
    // Created first so that newest-first order would put it last: only relevance can put it on top.
    inSummary = await create({ summary: 'Broken streetlight on Elm Road', description: 'Dark since Monday' });
    inDescription = await create({
      summary: 'Lighting complaint',
      description: 'The streetlight outside number 4 flickers all night',
    });
    resident = await create({
      summary: 'Noise from a building site',
      residentName: 'Marguerite Okonkwo',
      residentEmail: 'm.okonkwo@example.org',
      residentPostcode: 'SW1A 1AA',
    });
    unrelated = await create({ summary: 'Fly-tipping behind the library', residentPostcode: 'EC1A 1BB' });
    potholes = [];
    for (let i = 0; i < 7; i++) {
      potholes.push(
        await create({
          summary: i % 2 === 0 ? `Pothole number ${i}` : `Road damage ${i}`,
          description: i % 3 === 0 ? 'A deep pothole, another pothole next to it' : 'Reported as a pothole',
          priority: i % 2 === 0 ? 'high' : 'low',
        }),
      );
    }
    await patchCase(suite.request, admin.key, potholes[1].id, { status: 'in_progress' });
    await patchCase(suite.request, admin.key, potholes[2].id, { status: 'in_progress' });
  });

  it('a case whose summary matches ranks above one that only mentions the term in its description', async () => {
    const found = await searchIds({ search: 'streetlight' });
    expect(found).toEqual([inSummary.id, inDescription.id]);
  });

  it('the summary match stays on top when the description mentions the term several times', async () => {
    const summaryOnce = await createCase(suite.request, admin.key, { summary: 'Bus shelter glass smashed' });
    const descriptionThrice = await createCase(suite.request, admin.key, {
      summary: 'Vandalism report',
      description: 'The shelter on Park Road is damaged. Another shelter nearby too. A third shelter has graffiti.',
    });
    expect(await searchIds({ search: 'shelter' })).toEqual([summaryOnce.id, descriptionThrice.id]);
  });

  it('answers searchActive: true only while searching', async () => {
    const searching = await search({ search: 'streetlight' });
    expect(searching.body.searchActive).toBe(true);
    expect(Object.keys(searching.body).toSorted()).toEqual(['cases', 'pagination', 'searchActive']);
    const plain = await search({});
    expect(Object.keys(plain.body).toSorted()).toEqual(['cases', 'pagination']);
    const nothing = await search({ search: 'xylophone' });
    expect(nothing.body).toEqual({
      cases: [],
      pagination: { page: 1, pageSize: 20, total: 0, totalPages: 0, nextCursor: null },
      searchActive: true,
    });
  });

  it.each([
    ['resident name', 'Okonkwo'],
    ['resident full name', 'Marguerite Okonkwo'],
    ['resident email', 'm.okonkwo@example.org'],
    ['postcode with the space', 'SW1A 1AA'],
    ['postcode without the space', 'SW1A1AA'],
    ['postcode in lower case', 'sw1a 1aa'],
  ])('matches the %s (%s)', async (_what, term) => {
    expect(await searchIds({ search: term })).toEqual([resident.id]);
  });

  it('matches a postcode stored without the space, searched with or without it', async () => {
    const compact = await createCase(suite.request, admin.key, {
      summary: 'Compact postcode',
      residentPostcode: 'M11AE',
    });
    expect(await searchIds({ search: 'M11AE' })).toEqual([compact.id]);
    expect(await searchIds({ search: 'M1 1AE' })).toEqual([compact.id]);
  });

  it('matches the reference', async () => {
    for (const kase of [inSummary, unrelated, potholes[5]]) {
      expect(await searchIds({ search: kase.reference })).toEqual([kase.id]);
    }
  });

  it('filters combine with search (status, priority)', async () => {
    const all = await searchIds({ search: 'pothole' });
    expect(all.toSorted()).toEqual(ids(potholes).toSorted());

    const inProgress = await searchIds({ search: 'pothole', status: 'in_progress' });
    expect(inProgress.toSorted()).toEqual([potholes[1].id, potholes[2].id].toSorted());
    const open = await searchIds({ search: 'pothole', status: 'open' });
    expect(open.toSorted()).toEqual(ids(potholes.filter((_, i) => i !== 1 && i !== 2)).toSorted());
    const high = await searchIds({ search: 'pothole', priority: 'high', status: 'in_progress' });
    expect(high).toEqual([potholes[2].id]);
    expect(await searchIds({ search: 'streetlight', status: 'closed' })).toEqual([]);
  });

  it('page mode counts every match on every page, and on a page past the last', async () => {
    const params = { search: 'pothole', pageSize: 3 };
    const pages = [1, 2, 3].map((page) => search({ ...params, page }));
    const bodies = (await Promise.all(pages)).map((response) => response.body);
    for (const body of bodies) expect(body.pagination).toMatchObject({ pageSize: 3, total: 7, totalPages: 3 });
    expect(bodies.map((body) => body.cases.length)).toEqual([3, 3, 1]);
    expect(bodies[2].pagination.nextCursor).toBeNull();
    expect(bodies.flatMap((body) => ids(body.cases))).toEqual(await searchIds({ search: 'pothole' }));
    const past = await search({ ...params, page: 9 });
    expect(past.body).toEqual({
      cases: [],
      pagination: { page: 9, pageSize: 3, total: 7, totalPages: 3, nextCursor: null },
      searchActive: true,
    });
  });

  it('an explicit sort applies while searching', async () => {
    const byReference = await searchIds({ search: 'pothole', sort: 'reference' });
    expect(byReference).toEqual(ids(potholes.toSorted((a, b) => (a.reference < b.reference ? -1 : 1))));
  });

  it.each([undefined, '-createdAt', 'priority'])(
    'cursor paging works while searching (sort=%s): same ordered ids as page mode and as one page',
    async (sort) => {
      const params = { search: 'pothole', sort };
      const whole = await searchIds(params);
      expect(whole).toHaveLength(potholes.length);
      expect(ids(await walkCursor(suite.request, admin.key, { ...params, pageSize: 2 }))).toEqual(whole);
      expect(ids(await walkPages(suite.request, admin.key, { ...params, pageSize: 2 }))).toEqual(whole);
      const first = await search({ ...params, pageSize: 2 });
      const second = await search({ ...params, pageSize: 2, cursor: first.body.pagination.nextCursor });
      expect(second.body.searchActive).toBe(true);
      expect(second.body.pagination).toMatchObject({ page: null, total: null, totalPages: null });
    },
  );

  it('a search cursor replayed without the search, or with another sort, answers 400', async () => {
    const cursor = (await search({ search: 'pothole', pageSize: 2 })).body.pagination.nextCursor;
    const plain = await suite.request('GET', `/api/cases${query({ pageSize: 2, cursor })}`, { key: admin.key });
    expect(plain.status).toBe(400);
    const sorted = await suite.request('GET', `/api/cases${query({ search: 'pothole', sort: 'dueAt', cursor })}`, {
      key: admin.key,
    });
    expect(sorted.status).toBe(400);
  });

  it('an empty or over-long search answers 400', async () => {
    for (const term of ['', 'x'.repeat(201)]) {
      const response = await suite.request('GET', `/api/cases${query({ search: term })}`, { key: admin.key });
      expectFieldError(response, 400, 'search');
    }
  });

  it('search text with operators and punctuation never fails', async () => {
    for (const term of ['"pothole', 'pothole OR', '-', '!!! & | :*', "o'brien", 'pothole -deep']) {
      const response = await suite.request('GET', `/api/cases${query({ search: term })}`, { key: admin.key });
      expect({ term, status: response.status }).toEqual({ term, status: 200 });
    }
  });
});
