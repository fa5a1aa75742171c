import { dataOf, listAll, updateIfUnchanged } from '@wardline/sdk';
import { type Scenarios, unique } from '../sdk-suite';

/** The discard port on loopback: deliveries go nowhere, which is all these scenarios need. */
const HOOK_URL = 'http://127.0.0.1:9/hook';

export const webhookScenarios: Scenarios = {
  'registers an endpoint, tests, redelivers, rotates its secret, updates and deletes it': async ({ api }) => {
    const created = dataOf(
      await api.POST('/api/webhooks', {
        body: { url: HOOK_URL, events: ['case_created'], description: unique('CRM'), enabled: true },
      }),
    );
    expect(created.secret).toMatch(/^whsec_/);
    const { id } = created;
    expect(dataOf(await api.GET('/api/webhooks/{id}', { params: { path: { id } } }))).not.toHaveProperty('secret');

    const ping = dataOf(await api.POST('/api/webhooks/{id}/test', { params: { path: { id } } }));
    expect(ping).toMatchObject({ event: 'ping', state: 'pending' });
    const again = dataOf(
      await api.POST('/api/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
        params: { path: { id, deliveryId: ping.id } },
      }),
    );
    expect(again.id).not.toBe(ping.id);
    const deliveries = [];
    for await (const delivery of listAll(api, '/api/webhooks/{id}/deliveries', { path: { id } })) {
      deliveries.push(delivery.id);
    }
    expect(deliveries.toSorted()).toEqual([ping.id, again.id].toSorted());

    const rotated = dataOf(await api.POST('/api/webhooks/{id}/rotate-secret', { params: { path: { id } } }));
    expect(rotated.secret).not.toBe(created.secret);
    const paused = await updateIfUnchanged(api, '/api/webhooks/{id}', () => ({ enabled: false }), { id });
    expect(paused.enabled).toBe(false);
    const listed = dataOf(await api.GET('/api/webhooks'));
    expect(listed.webhooks.map((webhook) => webhook.id)).toContain(id);

    const deleted = await api.DELETE('/api/webhooks/{id}', { params: { path: { id } } });
    expect(deleted.response.status).toBe(204);
  },
};

export const settingsScenarios: Scenarios = {
  'reads the settings with an ETag and updates them with If-Match': async ({ api }) => {
    const read = await api.GET('/api/settings');
    expect(read.response.headers.get('etag')).toMatch(/^W\/"\d+"$/);
    const updated = await updateIfUnchanged(api, '/api/settings', (current) => ({
      defaultSlaDays: current.defaultSlaDays + 1,
      retention: { anonymiseClosedCasesAfterMonths: 24 },
    }));
    expect(updated).toMatchObject({
      defaultSlaDays: dataOf(read).defaultSlaDays + 1,
      retention: { anonymiseClosedCasesAfterMonths: 24 },
    });
  },
};

export const auditLogScenarios: Scenarios = {
  'records a change and pages the log in cursor mode': async ({ api }) => {
    const ward = dataOf(await api.POST('/api/wards', { body: { name: unique('Audited'), enabled: true } }));
    const entries = [];
    for await (const entry of listAll(api, '/api/audit-logs', { query: { resourceId: ward.id } })) entries.push(entry);
    expect(entries).toEqual([expect.objectContaining({ action: 'ward.created', resourceType: 'ward' })]);
    expect(entries[0].actor).toMatchObject({ type: 'api_key' });
  },
};

export const reportScenarios: Scenarios = {
  'summarises, groups and buckets the cases of a period': async ({ api }) => {
    const ward = dataOf(await api.POST('/api/wards', { body: { name: unique('Reported'), enabled: true } }));
    const category = dataOf(await api.POST('/api/categories', { body: { name: unique('Noise'), enabled: true } }));
    dataOf(
      await api.POST('/api/cases', {
        body: {
          summary: unique('Loud music'),
          wardId: ward.id,
          categoryId: category.id,
          priority: 'normal',
          sourceChannel: 'email',
          highlightedForPublic: false,
        },
      }),
    );
    const today = new Date().toISOString().slice(0, 10);
    const period = { from: today, to: today };
    const summary = dataOf(await api.GET('/api/reports/summary', { params: { query: period } }));
    expect(summary.created).toBeGreaterThanOrEqual(1);
    const byWard = dataOf(await api.GET('/api/reports/cases-by-ward', { params: { query: period } }));
    expect(byWard.wards.find((row) => row.group?.id === ward.id)).toMatchObject({ cases: 1, open: 1 });
    const byCategory = dataOf(await api.GET('/api/reports/cases-by-category', { params: { query: period } }));
    expect(byCategory.categories.find((row) => row.group?.id === category.id)).toMatchObject({ cases: 1 });
    const series = dataOf(
      await api.GET('/api/reports/timeseries', { params: { query: { ...period, interval: 'day' } } }),
    );
    expect(series.buckets.length).toBeGreaterThanOrEqual(1);
    // Small numbers are suppressed on the public report (null), so only its shape is certain.
    const open = dataOf(await api.GET('/api/reports/public', { params: { query: period } }));
    expect(open).toMatchObject({ from: today, to: today, minimumGroupSize: expect.any(Number) });
  },
};
