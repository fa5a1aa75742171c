import { dataOf, listAll, updateIfUnchanged } from '@wardline/sdk';
import { jsonRows, type Scenarios, unique } from '../sdk-suite';

export const wardScenarios: Scenarios = {
  'creates, reads, lists, updates with If-Match and exports wards': async ({ api }) => {
    const name = unique('Riverside');
    const ward = dataOf(
      await api.POST('/api/wards', {
        body: { name, gssCode: 'E05011234', councilTier: 'district', latitude: 51.5, longitude: -0.12, enabled: true },
      }),
    );
    expect(ward).toMatchObject({ name, gssCode: 'E05011234', enabled: true });
    const read = await api.GET('/api/wards/{id}', { params: { path: { id: ward.id } } });
    expect(read.response.headers.get('etag')).toMatch(/^W\/"\d+"$/);

    const renamed = await updateIfUnchanged(api, '/api/wards/{id}', (current) => ({ name: `${current.name} North` }), {
      id: ward.id,
    });
    expect(renamed.name).toBe(`${name} North`);

    const names = [];
    for await (const each of listAll(api, '/api/wards')) names.push(each.name);
    expect(names).toContain(`${name} North`);

    const csv = await api.GET('/api/wards/export', { params: { query: { format: 'csv' } }, parseAs: 'text' });
    expect(dataOf(csv)).toContain(`${name} North`);
    const rows = jsonRows(
      dataOf(await api.GET('/api/wards/export', { params: { query: { format: 'json', enabled: true } } })),
    );
    expect(rows.find((row) => row.id === ward.id)).toMatchObject({ gssCode: 'E05011234' });
  },

  'a duplicate ward name is a 409 in the Error shape': async ({ api }) => {
    const name = unique('Hilltop');
    dataOf(await api.POST('/api/wards', { body: { name, enabled: true } }));
    const again = await api.POST('/api/wards', { body: { name, enabled: true } });
    expect(again.response.status).toBe(409);
    expect(again.error?.error).toEqual(expect.any(String));
  },
};

export const categoryScenarios: Scenarios = {
  'creates a category tree, reads, lists and updates it': async ({ api }) => {
    const parent = dataOf(await api.POST('/api/categories', { body: { name: unique('Highways'), enabled: true } }));
    const child = dataOf(
      await api.POST('/api/categories', {
        body: { name: unique('Potholes'), parentId: parent.id, slaDays: 5, enabled: true },
      }),
    );
    expect(child).toMatchObject({ parentId: parent.id, slaDays: 5 });
    const read = await api.GET('/api/categories/{id}', { params: { path: { id: child.id } } });
    expect(dataOf(read).id).toBe(child.id);
    const disabled = await updateIfUnchanged(api, '/api/categories/{id}', () => ({ enabled: false }), {
      id: child.id,
    });
    expect(disabled.enabled).toBe(false);
    const listed = dataOf(await api.GET('/api/categories', { params: { query: { pageSize: 100 } } }));
    expect(listed.categories.map((category) => category.id)).toEqual(expect.arrayContaining([parent.id, child.id]));
  },
};

export const userScenarios: Scenarios = {
  "lists the council's users and reads one with its ETag": async ({ api, admin }) => {
    const users = [];
    for await (const user of listAll(api, '/api/users')) users.push(user);
    expect(users.map((user) => user.id)).toContain(admin.owner.id);
    const read = await api.GET('/api/users/{id}', { params: { path: { id: admin.owner.id } } });
    expect(dataOf(read)).toMatchObject({ id: admin.owner.id, role: 'admin' });
    expect(read.response.headers.get('etag')).toMatch(/^W\/"\d+"$/);
  },

  'an unknown user is a 404': async ({ api }) => {
    const missing = await api.GET('/api/users/{id}', {
      params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(missing.response.status).toBe(404);
  },
};

export const meScenarios: Scenarios = {
  'tells the key what it is and what it may do': async ({ api, admin }) => {
    const me = dataOf(await api.GET('/api/me'));
    expect(me.tenant.id).toBe(admin.tenant.id);
    expect(me.key.id).toBe(admin.keyId);
    expect(me.effectiveScopes).toContain('cases:write');
  },

  'a missing key is a 401': async ({ anonymous }) => {
    const refused = await anonymous.GET('/api/me');
    expect(refused.response.status).toBe(401);
    expect(refused.error?.error).toEqual(expect.any(String));
  },
};

export const healthScenarios: Scenarios = {
  'answers live and ready without a key': async ({ anonymous }) => {
    expect(dataOf(await anonymous.GET('/health/live'))).toEqual({ status: 'ok' });
    expect(dataOf(await anonymous.GET('/health/ready'))).toEqual({ status: 'ok' });
  },
};
