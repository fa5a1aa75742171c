import { getDataSourceToken } from '@nestjs/typeorm';
import { SCOPES } from '@wardline/auth';
import { Category, Ward } from '@wardline/database';
import { TenantContext, TenantTransaction } from '@wardline/tenancy';
import type { DataSource } from 'typeorm';
import { Fixtures, type KeyedUser } from '../support/fixtures';
import { EVENTS, NEWS } from '../support/publications';
import { type HttpClient } from '../support/http';
import { type TestApp } from '../support/test-app';
import { useApiSuite } from '../support/suite';

interface TenantRows {
  subject: KeyedUser;
  wardId: string;
  categoryId: string;
  caseId: string;
  eventId: string;
  newsId: string;
}

describe('tenant isolation', () => {
  // Webhook URLs on loopback are allowed by configuration, as in development.
  const suite = useApiSuite({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  let app: TestApp;
  let fixtures: Fixtures;
  let request: HttpClient;
  let a: TenantRows;
  let b: TenantRows;
  let bWebhookId: string;

  async function tenantWithRows(label: string): Promise<TenantRows> {
    const subject = await fixtures.keyedUser('council', 'admin', SCOPES);
    const ward = await request('POST', '/api/wards', { key: subject.key, json: { name: `Ward ${label}` } });
    const category = await request('POST', '/api/categories', { key: subject.key, json: { name: `Cat ${label}` } });
    const kase = await request('POST', '/api/cases', {
      key: subject.key,
      json: { summary: `Case ${label}`, wardId: ward.body.id, residentName: `Resident ${label}` },
    });
    const event = await request('POST', '/api/events', {
      key: subject.key,
      json: EVENTS.draft({ title: `Event ${label}` }),
    });
    const news = await request('POST', '/api/news', { key: subject.key, json: NEWS.draft({ title: `News ${label}` }) });
    expect([ward.status, category.status, kase.status, event.status, news.status]).toEqual([201, 201, 201, 201, 201]);
    return {
      subject,
      wardId: ward.body.id,
      categoryId: category.body.id,
      caseId: kase.body.id,
      eventId: event.body.id,
      newsId: news.body.id,
    };
  }

  beforeAll(async () => {
    ({ app, fixtures, request } = suite);
    a = await tenantWithRows('A');
    b = await tenantWithRows('B');
    const webhook = await request('POST', '/api/webhooks', {
      key: b.subject.key,
      json: { url: 'http://127.0.0.1:9/b', events: ['case_created'] },
    });
    if (webhook.status !== 201) throw new Error(`webhook fixture: ${webhook.status} ${webhook.text}`);
    bWebhookId = webhook.body.id;
  });

  /** One of tenant B's ids for each id-addressed route template, and a body that passes validation. */
  const targetsInB = (): Record<string, { id: string; body?: object }> => ({
    '/api/wards/{id}': { id: b.wardId, body: { name: 'Taken over' } },
    '/api/categories/{id}': { id: b.categoryId, body: { name: 'Taken over' } },
    '/api/users/{id}': { id: b.subject.owner.id },
    '/api/cases/{id}': { id: b.caseId, body: { summary: 'Taken over', status: 'closed' } },
    '/api/cases/{id}/notes': { id: b.caseId, body: { body: 'Planted note', internal: false } },
    '/api/cases/{id}/timeline': { id: b.caseId },
    '/api/events/{id}': { id: b.eventId, body: { title: 'Taken over', approved: true } },
    '/api/news/{id}': { id: b.newsId, body: { title: 'Taken over', approved: true } },
    '/api/webhooks/{id}': { id: bWebhookId, body: { enabled: false } },
    '/api/webhooks/{id}/rotate-secret': { id: bWebhookId },
    '/api/webhooks/{id}/test': { id: bWebhookId },
    '/api/webhooks/{id}/deliveries': { id: bWebhookId },
    '/api/webhooks/{id}/deliveries/{deliveryId}/redeliver': { id: bWebhookId },
  });

  describe('through HTTP', () => {
    it("tenant A's key gets 404 on every id-addressed route for tenant B's ids", async () => {
      const document = (await request('GET', '/openapi.json')).body as {
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      };
      const targets = targetsInB();
      const results: string[] = [];
      for (const [template, operations] of Object.entries(document.paths)) {
        if (!template.includes('{')) continue;
        for (const [method, operation] of Object.entries(operations)) {
          if (!operation.security?.length) continue;
          const target = targets[template];
          if (!target) {
            results.push(`${method.toUpperCase()} ${template}: no tenant-B fixture, add one to targetsInB`);
            continue;
          }
          const response = await request(method.toUpperCase(), template.replace(/\{[^}]+\}/, target.id), {
            key: a.subject.key,
            json: method === 'get' || method === 'delete' ? undefined : (target.body ?? {}),
          });
          if (response.status !== 404) results.push(`${method.toUpperCase()} ${template}: ${response.status}`);
        }
      }
      expect(results).toEqual([]);
    });

    it("leaves tenant B's rows unchanged after A's attempts", async () => {
      const ward = await request('GET', `/api/wards/${b.wardId}`, { key: b.subject.key });
      const category = await request('GET', `/api/categories/${b.categoryId}`, { key: b.subject.key });
      const kase = await request('GET', `/api/cases/${b.caseId}`, { key: b.subject.key });
      expect(kase.body).toMatchObject({ summary: 'Case B', status: 'open', version: 1 });
      expect(kase.body.timeline.map((entry: { type: string }) => entry.type)).toEqual(['created']);
      expect(ward.body.name).toBe('Ward B');
      expect(category.body.name).toBe('Cat B');
      expect(ward.headers.get('etag')).toBe('W/"1"');
      for (const path of [`/api/events/${b.eventId}`, `/api/news/${b.newsId}`]) {
        const item = await request('GET', path, { key: b.subject.key });
        expect(item.headers.get('etag')).toBe('W/"1"');
        expect(item.body).toMatchObject({ approved: false, publishedAt: null });
        expect(item.body.title).toMatch(/ B$/);
      }
      const webhook = await request('GET', `/api/webhooks/${bWebhookId}`, { key: b.subject.key });
      expect(webhook.body.enabled).toBe(true);
      expect(webhook.headers.get('etag')).toBe('W/"1"');
    });

    it("never lists or exports tenant B's rows to A", async () => {
      const wards = await request('GET', '/api/wards?pageSize=100', { key: a.subject.key });
      const categories = await request('GET', '/api/categories?pageSize=100', { key: a.subject.key });
      const exported = await request('GET', '/api/wards/export?format=json', { key: a.subject.key });
      const cases = await request('GET', '/api/cases?pageSize=100', { key: a.subject.key });
      const found = await request('GET', '/api/cases?search=Resident', { key: a.subject.key });
      const casesExported = await request('GET', '/api/cases/export?format=json', { key: a.subject.key });
      for (const list of [cases.body.cases, found.body.cases, casesExported.body]) {
        expect(list.map((kase: { id: string }) => kase.id)).toEqual([a.caseId]);
      }
      expect(wards.body.wards.map((ward: { id: string }) => ward.id)).toEqual([a.wardId]);
      expect(categories.body.categories.map((category: { id: string }) => category.id)).toEqual([a.categoryId]);
      expect(exported.body.map((ward: { id: string }) => ward.id)).toEqual([a.wardId]);
      const events = await request('GET', '/api/events?pageSize=100', { key: a.subject.key });
      const news = await request('GET', '/api/news?pageSize=100', { key: a.subject.key });
      expect(events.body.events.map((event: { id: string }) => event.id)).toEqual([a.eventId]);
      expect(news.body.news.map((item: { id: string }) => item.id)).toEqual([a.newsId]);
    });

    it("counts B's ids 0 in A's bulk approvals and leaves them drafts", async () => {
      const events = await request('POST', '/api/events/approve', { key: a.subject.key, json: { ids: [b.eventId] } });
      const news = await request('POST', '/api/news/approve', { key: a.subject.key, json: { ids: [b.newsId] } });
      expect([events.body, news.body]).toEqual([{ approved: 0 }, { approved: 0 }]);
      const item = await request('GET', `/api/news/${b.newsId}`, { key: b.subject.key });
      expect(item.body).toMatchObject({ approved: false, publishedAt: null });
    });

    it("refuses a reference to B's category as A's parent with 422, not a leak", async () => {
      const response = await request('POST', '/api/categories', {
        key: a.subject.key,
        json: { name: 'Child', parentId: b.categoryId },
      });
      expect(response.status).toBe(422);
    });
  });

  describe('row-level security alone', () => {
    it("returns none of B's rows through a repository query with no tenant filter", async () => {
      const tenant = app.app.get(TenantContext);
      const transaction = app.app.get(TenantTransaction);
      const seen = await tenant.run(a.subject.tenant.id, () =>
        transaction.run(async () => {
          const manager = transaction.manager;
          const wards = await manager.getRepository(Ward).find();
          const categories = await manager.getRepository(Category).find();
          const tenants = (await manager.query('SELECT id FROM tenants')) as { id: string }[];
          return { wards, categories, tenants };
        }),
      );
      expect(seen.wards.map((ward) => ward.tenantId)).toEqual([a.subject.tenant.id]);
      expect(seen.categories.map((category) => category.tenantId)).toEqual([a.subject.tenant.id]);
      expect(seen.tenants.map((row) => row.id)).toEqual([a.subject.tenant.id]);
    });

    it('returns no rows at all when no tenant is set on the connection', async () => {
      const dataSource = app.app.get<DataSource>(getDataSourceToken());
      const rows = (await dataSource.query('SELECT count(*)::int AS n FROM wards')) as { n: number }[];
      expect(rows[0].n).toBe(0);
      const keys = (await dataSource.query('SELECT count(*)::int AS n FROM api_keys')) as { n: number }[];
      expect(keys[0].n).toBe(0);
    });

    it('refuses to write a row into B while acting for A', async () => {
      const tenant = app.app.get(TenantContext);
      const transaction = app.app.get(TenantTransaction);
      const attempt = tenant.run(a.subject.tenant.id, () =>
        transaction.run(() =>
          transaction.manager.query(`INSERT INTO wards (tenant_id, name) VALUES ($1, 'Smuggled')`, [
            b.subject.tenant.id,
          ]),
        ),
      );
      await expect(attempt).rejects.toThrow(/row-level security/);
    });

    it('connects as a role that owns no table and cannot bypass RLS', async () => {
      const dataSource = app.app.get<DataSource>(getDataSourceToken());
      const [role] = (await dataSource.query(
        `SELECT current_user AS name, r.rolsuper, r.rolbypassrls,
                (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned
           FROM pg_roles r WHERE r.rolname = current_user`,
      )) as { name: string; rolsuper: boolean; rolbypassrls: boolean; owned: number }[];
      expect(role).toEqual({ name: 'wardline_app', rolsuper: false, rolbypassrls: false, owned: 0 });
    });
  });
});
