import { randomUUID } from 'node:crypto';
import { type KeyedUser } from '../support/fixtures';
import { expectEnvelope, expectFieldError } from '../support/expectations';
import { createDraft, PUBLICATION_KINDS, publishedRows } from '../support/publications';
import { useApiSuite } from '../support/suite';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.each(PUBLICATION_KINDS)('$label: drafts, approval and publication', (kind) => {
  const suite = useApiSuite({ RATE_LIMIT_PER_MINUTE: '1000000' });
  let councillor: KeyedUser;
  let auditKey: string;
  let other: KeyedUser;

  const request = (...args: Parameters<typeof suite.request>) => suite.request(...args);
  const draft = (key = councillor.key, fields: Record<string, unknown> = {}) =>
    createDraft(suite.request, kind, key, fields);
  const approve = (ids: unknown, key = councillor.key) =>
    request('POST', `${kind.path}/approve`, { key, json: { ids } });
  const read = (id: string, key = councillor.key) => request('GET', `${kind.path}/${id}`, { key });
  const auditEntries = async (action: string) =>
    (await request('GET', `/api/audit-logs?action=${action}&pageSize=100`, { key: auditKey })).body.auditLogs as {
      resourceId: string | null;
      changes: { before: unknown; after: { ids?: string[] } | null };
    }[];

  beforeAll(async () => {
    councillor = await suite.fixtures.keyedUser('council', 'councillor');
    const admin = await suite.fixtures.user(councillor.tenant, 'admin');
    auditKey = (await suite.fixtures.key(councillor.tenant, admin, ['audit:read'])).key;
    other = await suite.fixtures.keyedUser('council', 'councillor');
  });

  it('creates a draft whatever the body says, authored by the key’s owner', async () => {
    const response = await request('POST', kind.path, { key: councillor.key, json: kind.draft({ approved: true }) });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(response.body).toMatchObject({
      approved: false,
      publishedAt: null,
      createdBy: { id: councillor.owner.id, name: councillor.owner.name },
      createdAt: expect.stringMatching(ISO_MS),
    });
    expect((await read(response.body.id)).body).toEqual(response.body);
  });

  it('bulk approval counts the items it approved, publishes each once, and a repeat counts 0', async () => {
    const [first, second] = [await draft(), await draft()];
    const response = await approve([first.id, second.id, first.id]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ approved: 2 });

    const approved = await read(first.id);
    expect(approved.headers.get('etag')).toBe('W/"2"');
    expect(approved.body).toMatchObject({ approved: true, publishedAt: expect.stringMatching(ISO_MS) });

    expect((await approve([first.id, second.id])).body).toEqual({ approved: 0 });
    expect((await read(first.id)).body).toEqual(approved.body);
    for (const item of [first, second]) {
      const rows = await publishedRows(suite.fixtures.owner, kind, item.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        event: kind.publishedType,
        timestamp: expect.stringMatching(ISO_MS),
        data: { [kind.payloadField]: { id: item.id, title: item.title, approved: true } },
      });
    }
  });

  it('publishedAt is set once: later edits, withdrawal and re-approval never move it or announce again', async () => {
    const item = await draft();
    await approve([item.id]);
    const { publishedAt } = (await read(item.id)).body;

    const edited = await request('PATCH', `${kind.path}/${item.id}`, {
      key: councillor.key,
      json: { title: 'Edited' },
    });
    expect(edited.body).toMatchObject({ title: 'Edited', approved: true, publishedAt });
    const withdrawn = await request('PATCH', `${kind.path}/${item.id}`, {
      key: councillor.key,
      json: { approved: false },
    });
    expect(withdrawn.body).toMatchObject({ approved: false, publishedAt });
    expect((await approve([item.id])).body).toEqual({ approved: 1 });
    const withdrawnAgain = await request('PATCH', `${kind.path}/${item.id}`, {
      key: councillor.key,
      json: { approved: false },
    });
    expect(withdrawnAgain.status).toBe(200);
    const again = await request('PATCH', `${kind.path}/${item.id}`, { key: councillor.key, json: { approved: true } });
    expect(again.body).toMatchObject({ approved: true, publishedAt });
    expect(await publishedRows(suite.fixtures.owner, kind, item.id)).toHaveLength(1);
  });

  it('approving by PATCH publishes like bulk approval, and bulk approval then counts it 0', async () => {
    const item = await draft();
    const response = await request('PATCH', `${kind.path}/${item.id}`, {
      key: councillor.key,
      headers: { 'If-Match': 'W/"1"' },
      json: { approved: true },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('W/"2"');
    expect(response.body).toMatchObject({ approved: true, publishedAt: expect.stringMatching(ISO_MS) });
    expect((await approve([item.id])).body).toEqual({ approved: 0 });
    expect(await publishedRows(suite.fixtures.owner, kind, item.id)).toHaveLength(1);
    const [entry] = await auditEntries(`${kind.resourceType}.approved`);
    expect(entry).toMatchObject({
      resourceId: item.id,
      changes: { before: { approved: false, publishedAt: null }, after: { approved: true } },
    });
  });

  it('concurrent approvals of the same ids approve and announce each item once in total', async () => {
    const ids = [(await draft()).id, (await draft()).id, (await draft()).id];
    const responses = await Promise.all(Array.from({ length: 5 }, () => approve(ids.toReversed())));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.reduce((sum, response) => sum + (response.body.approved as number), 0)).toBe(3);
    for (const id of ids) expect(await publishedRows(suite.fixtures.owner, kind, id)).toHaveLength(1);
  });

  it('writes one audit entry per approval request naming the approved ids, none when nothing changed', async () => {
    const items = [await draft(), await draft(), await draft()];
    await approve([items[0].id]);
    const before = await auditEntries(`${kind.resourceType}.approved`);
    expect((await approve(items.map((item) => item.id))).body).toEqual({ approved: 2 });
    const after = await auditEntries(`${kind.resourceType}.approved`);
    expect(after).toHaveLength(before.length + 1);
    expect(after[0].resourceId).toBeNull();
    expect(after[0].changes.after?.ids?.toSorted()).toEqual([items[1].id, items[2].id].toSorted());

    expect((await approve(items.map((item) => item.id))).body).toEqual({ approved: 0 });
    expect(await auditEntries(`${kind.resourceType}.approved`)).toHaveLength(after.length);
  });

  it('other councils’ and unknown ids count 0 and nothing of theirs changes', async () => {
    const theirs = await draft(other.key);
    const mine = await draft();
    expect((await approve([theirs.id, randomUUID(), mine.id])).body).toEqual({ approved: 1 });
    expect((await approve([theirs.id])).body).toEqual({ approved: 0 });
    const untouched = await read(theirs.id, other.key);
    expect(untouched.headers.get('etag')).toBe('W/"1"');
    expect(untouched.body).toEqual(theirs);
    expect(await publishedRows(suite.fixtures.owner, kind, theirs.id)).toHaveLength(0);
  });

  it('another council’s item is a 404 to read, change or delete, and never listed', async () => {
    const theirs = await draft(other.key);
    expectEnvelope(await read(theirs.id), 404);
    expectEnvelope(
      await request('PATCH', `${kind.path}/${theirs.id}`, { key: councillor.key, json: { title: 'Mine now' } }),
      404,
    );
    expectEnvelope(await request('DELETE', `${kind.path}/${theirs.id}`, { key: councillor.key }), 404);
    expect((await read(theirs.id, other.key)).body).toEqual(theirs);

    await draft();
    const ids: string[] = [];
    for (const approved of ['true', 'false', undefined]) {
      const query = approved ? `?approved=${approved}&pageSize=100` : '?pageSize=100';
      const list = await request('GET', `${kind.path}${query}`, { key: councillor.key });
      expect(list.status).toBe(200);
      ids.push(...(list.body[kind.listField] as { id: string }[]).map((item) => item.id));
    }
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(theirs.id);
  });

  it('an unknown or malformed id is a 404', async () => {
    expectEnvelope(await read(randomUUID()), 404);
    expectEnvelope(await read('not-a-uuid'), 404);
    expectEnvelope(await request('DELETE', `${kind.path}/not-a-uuid`, { key: councillor.key }), 404);
  });

  it('refuses more than 100 ids, a non-uuid id, an empty list and a missing list with 400', async () => {
    const many = Array.from({ length: 101 }, () => randomUUID());
    expectFieldError(await approve(many), 400, 'ids');
    expectFieldError(await approve([randomUUID(), 'nope']), 400, 'ids');
    expectFieldError(await approve([]), 400, 'ids');
    expectFieldError(await request('POST', `${kind.path}/approve`, { key: councillor.key, json: {} }), 400, 'ids');
    expect((await approve(Array.from({ length: 100 }, () => randomUUID()))).body).toEqual({ approved: 0 });
  });

  it('PATCH with a stale If-Match answers 409 and changes nothing', async () => {
    const item = await draft();
    await request('PATCH', `${kind.path}/${item.id}`, { key: councillor.key, json: { title: 'First' } });
    const stale = await request('PATCH', `${kind.path}/${item.id}`, {
      key: councillor.key,
      headers: { 'If-Match': 'W/"1"' },
      json: { title: 'Second', approved: true },
    });
    expectEnvelope(stale, 409);
    expect((await read(item.id)).body).toMatchObject({ title: 'First', approved: false, publishedAt: null });
    expect(await publishedRows(suite.fixtures.owner, kind, item.id)).toHaveLength(0);
  });

  it('DELETE answers {"success":true}, records the deletion, and the item is gone', async () => {
    const item = await draft();
    const response = await request('DELETE', `${kind.path}/${item.id}`, { key: councillor.key });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true });
    expectEnvelope(await read(item.id), 404);
    expectEnvelope(await request('DELETE', `${kind.path}/${item.id}`, { key: councillor.key }), 404);
    const [entry] = await auditEntries(`${kind.resourceType}.deleted`);
    expect(entry).toMatchObject({ resourceId: item.id, changes: { before: { title: item.title }, after: null } });
  });

  it('a ward of another council, or no ward at all, is a 422', async () => {
    const ward = await request('POST', '/api/wards', {
      key: (await suite.fixtures.keyedUser('council', 'admin')).key,
      json: { name: `Elsewhere ${randomUUID()}` },
    });
    const field = kind.label === 'events' ? 'wardId' : 'wardIds';
    for (const wardId of [ward.body.id, randomUUID()]) {
      const value = field === 'wardId' ? wardId : [wardId];
      expectFieldError(
        await request('POST', kind.path, { key: councillor.key, json: kind.draft({ [field]: value }) }),
        422,
        field,
      );
    }
  });

  it('documents every route with its scope, minimum role, plans, schemas and examples', async () => {
    const document = (await request('GET', '/openapi.json')).body;
    const item = `${kind.path}/{id}`;
    const routes: [string, string, 'read' | 'write', string | null][] = [
      ['get', kind.path, 'read', null],
      ['post', kind.path, 'write', `Create${kind.label === 'events' ? 'Event' : 'News'}Dto`],
      ['post', `${kind.path}/approve`, 'write', 'ApproveIdsDto'],
      ['get', item, 'read', null],
      ['patch', item, 'write', `Update${kind.label === 'events' ? 'Event' : 'News'}Dto`],
      ['delete', item, 'write', null],
    ];
    for (const [method, path, access, requestSchema] of routes) {
      const operation = document.paths[path]?.[method];
      expect({ route: `${method} ${path}`, operation }).toMatchObject({
        operation: {
          'x-required-scope': `${kind.label}:${access}`,
          'x-minimum-role': access === 'write' ? 'councillor' : 'caseworker',
          'x-plans': ['pro', 'council'],
          security: expect.arrayContaining([{ bearer: [`${kind.label}:${access}`] }]),
        },
      });
      const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
      expect(success?.[1]).toMatchObject({ content: { 'application/json': { schema: expect.any(Object) } } });
      if (requestSchema) {
        expect(operation.requestBody.content['application/json'].schema).toEqual({
          $ref: `#/components/schemas/${requestSchema}`,
        });
        const properties = document.components.schemas[requestSchema].properties;
        expect(Object.values(properties).some((property: any) => property.example !== undefined)).toBe(true);
      }
    }
  });

  describe('who may write', () => {
    const writes = (key: string, id: string) => [
      request('POST', kind.path, { key, json: kind.draft() }),
      request('PATCH', `${kind.path}/${id}`, { key, json: { title: 'Changed' } }),
      request('POST', `${kind.path}/approve`, { key, json: { ids: [id] } }),
      request('DELETE', `${kind.path}/${id}`, { key }),
    ];
    const writeScope = `${kind.label}:write`;
    const readScope = `${kind.label}:read`;

    it('a caseworker reads but may not write (403 Insufficient role, councillor required)', async () => {
      const caseworker = await suite.fixtures.keyedUser('council', 'caseworker', [readScope, writeScope]);
      const item = await draft();
      expect((await request('GET', kind.path, { key: caseworker.key })).status).toBe(200);
      for (const response of await Promise.all(writes(caseworker.key, item.id))) {
        expectEnvelope(response, 403);
        expect(response.body).toEqual({
          error: 'Insufficient role',
          details: { requiredRole: 'councillor', role: 'caseworker' },
        });
      }
    });

    it.each(['councillor', 'manager', 'admin'] as const)('a %s writes on the pro plan', async (role) => {
      const writer = await suite.fixtures.keyedUser('pro', role, [readScope, writeScope]);
      const created = await request('POST', kind.path, { key: writer.key, json: kind.draft() });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await request('PATCH', `${kind.path}/${id}`, { key: writer.key, json: { title: 'New' } })).status).toBe(
        200,
      );
      expect((await approve([id], writer.key)).body).toEqual({ approved: 1 });
      expect((await request('DELETE', `${kind.path}/${id}`, { key: writer.key })).body).toEqual({ success: true });
    });

    it('a key without the write scope gets 403 Insufficient scope; the read scope does not grant writing', async () => {
      const reader = await suite.fixtures.keyedUser('council', 'admin', [readScope]);
      const item = await draft();
      for (const response of await Promise.all(writes(reader.key, item.id))) {
        expectEnvelope(response, 403);
        expect(response.body).toMatchObject({ error: 'Insufficient scope', details: { requiredScope: writeScope } });
      }
      const writer = await suite.fixtures.keyedUser('council', 'admin', [writeScope]);
      const list = await request('GET', kind.path, { key: writer.key });
      expect(list.body).toMatchObject({ error: 'Insufficient scope', details: { requiredScope: readScope } });
    });

    it('plans without API access are refused', async () => {
      for (const plan of ['free', 'team'] as const) {
        const key = (await suite.fixtures.keyedUser(plan, 'admin', [readScope, writeScope])).key;
        const response = await request('GET', kind.path, { key });
        expectEnvelope(response, 403);
        expect(response.body.details).toEqual({ plan });
      }
    });
  });
});
