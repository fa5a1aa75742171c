import { dataOf, listAll, updateIfUnchanged, VersionConflictError } from '@wardline/sdk';
import { daysFromNow, jsonRows, type Scenarios, unique } from '../sdk-suite';

export const caseScenarios: Scenarios = {
  'creates a case, reads it with its ETag, lists and updates it': async ({ api }) => {
    const created = dataOf(
      await api.POST('/api/cases', {
        body: {
          summary: unique('Streetlight out'),
          priority: 'high',
          sourceChannel: 'api',
          highlightedForPublic: false,
          residentPostcode: 'SW1A 1AA',
          dueAt: daysFromNow(7),
        },
      }),
    );
    expect(created).toMatchObject({ status: 'open', priority: 'high', version: 1 });

    const read = await api.GET('/api/cases/{id}', { params: { path: { id: created.id } } });
    expect(read.response.headers.get('etag')).toBe('W/"1"');
    expect(dataOf(read).timeline.map((entry) => entry.type)).toEqual(['created']);

    const listed = dataOf(await api.GET('/api/cases', { params: { query: { priority: ['high'], pageSize: 100 } } }));
    expect(listed.cases.map((row) => row.id)).toContain(created.id);
    expect(listed.pagination).toMatchObject({ page: 1, pageSize: 100 });

    const updated = dataOf(
      await api.PATCH('/api/cases/{id}', {
        params: { path: { id: created.id }, header: { 'If-Match': 'W/"1"' } },
        body: { status: 'in_progress' },
      }),
    );
    expect(updated).toMatchObject({ status: 'in_progress', priority: 'high', version: 2 });
  },

  'updateIfUnchanged sends If-Match and surfaces a concurrent change as a VersionConflictError': async ({ api }) => {
    const { id } = dataOf(
      await api.POST('/api/cases', {
        body: { summary: unique('Bins missed'), priority: 'normal', sourceChannel: 'api', highlightedForPublic: false },
      }),
    );
    const closed = await updateIfUnchanged(api, '/api/cases/{id}', () => ({ status: 'resolved' }), { id });
    expect(closed).toMatchObject({ status: 'resolved', version: 2 });

    const racing = updateIfUnchanged(
      api,
      '/api/cases/{id}',
      async () => {
        // Someone else changes the case between our read and our write.
        dataOf(await api.PATCH('/api/cases/{id}', { params: { path: { id } }, body: { priority: 'urgent' } }));
        return { status: 'closed' };
      },
      { id },
    );
    await expect(racing).rejects.toBeInstanceOf(VersionConflictError);
    await expect(racing).rejects.toMatchObject({ status: 409, currentETag: 'W/"3"' });
    const after = dataOf(await api.GET('/api/cases/{id}', { params: { path: { id } } }));
    expect(after).toMatchObject({ status: 'resolved', priority: 'urgent' });
  },

  'listAll walks every page in cursor mode': async ({ api }) => {
    const tag = unique('paged').replace(' ', '-');
    for (let i = 0; i < 5; i++) {
      dataOf(
        await api.POST('/api/cases', {
          body: {
            summary: `Case ${i}`,
            tags: [tag],
            priority: 'low',
            sourceChannel: 'api',
            highlightedForPublic: false,
          },
        }),
      );
    }
    const seen: string[] = [];
    for await (const kase of listAll(api, '/api/cases', {
      query: { priority: ['low'], pageSize: 2, sort: 'createdAt' },
    })) {
      seen.push(kase.summary);
    }
    expect(seen.slice(-5)).toEqual(['Case 0', 'Case 1', 'Case 2', 'Case 3', 'Case 4']);
    expect(new Set(seen).size).toBe(seen.length);

    const bounded = async () => {
      for await (const kase of listAll(api, '/api/cases', { query: { priority: ['low'], pageSize: 1 }, maxPages: 2 })) {
        expect(kase.priority).toBe('low');
      }
    };
    await expect(bounded()).rejects.toThrow('/api/cases: more than 2 pages; narrow the query or raise maxPages');
  },

  'exports the matching cases as CSV and as JSON': async ({ api }) => {
    const summary = unique('Exported');
    dataOf(
      await api.POST('/api/cases', {
        body: { summary, priority: 'normal', sourceChannel: 'phone', highlightedForPublic: false },
      }),
    );
    const csv = await api.GET('/api/cases/export', { params: { query: { format: 'csv' } }, parseAs: 'text' });
    expect(csv.response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(dataOf(csv)).toContain(summary);
    const json = jsonRows(dataOf(await api.GET('/api/cases/export', { params: { query: { format: 'json' } } })));
    expect(json.map((row) => row.summary)).toContain(summary);
  },

  'refuses a stale If-Match with 409 and the current ETag': async ({ api }) => {
    const { id } = dataOf(
      await api.POST('/api/cases', {
        body: { summary: unique('Graffiti'), priority: 'normal', sourceChannel: 'api', highlightedForPublic: false },
      }),
    );
    dataOf(await api.PATCH('/api/cases/{id}', { params: { path: { id } }, body: { summary: 'Graffiti on bridge' } }));
    const stale = await api.PATCH('/api/cases/{id}', {
      params: { path: { id }, header: { 'If-Match': 'W/"1"' } },
      body: { status: 'closed' },
    });
    expect(stale.response.status).toBe(409);
    expect(stale.error?.details?.currentETag).toBe('W/"2"');
  },
};

export const noteScenarios: Scenarios = {
  'adds internal and public notes that show on the timeline': async ({ api }) => {
    const { id } = dataOf(
      await api.POST('/api/cases', {
        body: { summary: unique('Damp'), priority: 'normal', sourceChannel: 'letter', highlightedForPublic: false },
      }),
    );
    const withNote = dataOf(
      await api.POST('/api/cases/{id}/notes', {
        params: { path: { id } },
        body: { body: 'Called the landlord', internal: true },
      }),
    );
    expect(withNote.timeline.map((entry) => entry.type)).toEqual(['created', 'note_added']);
    dataOf(
      await api.POST('/api/cases/{id}/notes', {
        params: { path: { id } },
        body: { body: 'Inspection booked', internal: false },
      }),
    );
    const timeline = dataOf(
      await api.GET('/api/cases/{id}/timeline', { params: { path: { id }, query: { pageSize: 2 } } }),
    );
    expect(timeline.timeline).toHaveLength(2);
    expect(timeline.pagination.total).toBe(3);
    const entries = [];
    for await (const entry of listAll(api, '/api/cases/{id}/timeline', { path: { id } })) entries.push(entry);
    expect(entries.map((entry) => entry.type).toSorted()).toEqual(['created', 'note_added', 'note_added']);
  },
};
