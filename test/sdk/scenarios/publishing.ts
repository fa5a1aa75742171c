import { dataOf, listAll, updateIfUnchanged } from '@wardline/sdk';
import { daysFromNow, type Scenarios, unique } from '../sdk-suite';

export const eventScenarios: Scenarios = {
  'drafts, approves, lists, updates with If-Match and deletes an event': async ({ api }) => {
    const title = unique('Ward surgery');
    const draft = dataOf(
      await api.POST('/api/events', {
        body: { title, type: 'surgery', startsAt: daysFromNow(3), endsAt: daysFromNow(3.1), location: 'Library' },
      }),
    );
    expect(draft).toMatchObject({ title, approved: false, cancelled: false });
    expect(dataOf(await api.POST('/api/events/approve', { body: { ids: [draft.id] } }))).toEqual({ approved: 1 });

    const read = await api.GET('/api/events/{id}', { params: { path: { id: draft.id } } });
    expect(dataOf(read)).toMatchObject({ approved: true });
    const cancelled = await updateIfUnchanged(api, '/api/events/{id}', () => ({ cancelled: true }), { id: draft.id });
    expect(cancelled).toMatchObject({ cancelled: true, title });

    const titles = [];
    for await (const event of listAll(api, '/api/events', { query: { type: ['surgery'], approved: true } })) {
      titles.push(event.title);
    }
    expect(titles).toContain(title);

    expect(dataOf(await api.DELETE('/api/events/{id}', { params: { path: { id: draft.id } } }))).toEqual({
      success: true,
    });
    const gone = await api.GET('/api/events/{id}', { params: { path: { id: draft.id } } });
    expect(gone.response.status).toBe(404);
  },
};

export const newsScenarios: Scenarios = {
  'drafts, approves, lists, updates with If-Match and deletes a news item': async ({ api }) => {
    const ward = dataOf(await api.POST('/api/wards', { body: { name: unique('Meadow'), enabled: true } }));
    const title = unique('New bus route');
    const draft = dataOf(
      await api.POST('/api/news', {
        body: { title, body: 'From Monday the 12 calls at the station.', wardIds: [ward.id] },
      }),
    );
    expect(draft).toMatchObject({ title, approved: false, publishedAt: null });
    expect(dataOf(await api.POST('/api/news/approve', { body: { ids: [draft.id] } }))).toEqual({ approved: 1 });
    const read = dataOf(await api.GET('/api/news/{id}', { params: { path: { id: draft.id } } }));
    expect(read.publishedAt).toEqual(expect.any(String));
    const edited = await updateIfUnchanged(api, '/api/news/{id}', () => ({ summary: 'The 12 calls at the station' }), {
      id: draft.id,
    });
    expect(edited.summary).toBe('The 12 calls at the station');
    const listed = dataOf(await api.GET('/api/news', { params: { query: { pageSize: 100 } } }));
    expect(listed.news.map((item) => item.id)).toContain(draft.id);
    expect(dataOf(await api.DELETE('/api/news/{id}', { params: { path: { id: draft.id } } }))).toEqual({
      success: true,
    });
  },
};
