import type { KeyedUser } from '../support/fixtures';
import { label } from '../support/values';
import { useApiSuite } from '../support/suite';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { WebhookReceiver } from '../support/webhook-receiver';

/** Loopback is allowed only by configuration, as a developer would run it. */
const ALLOW_LOOPBACK = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
const METRICS_TOKEN = 'metrics-token-of-the-no-leak-suite';

/**
 * The places other than logs and the audit log (the run's leak scan reads those) where a
 * resident's details or a key could escape: error bodies, metrics labels, webhooks to endpoints
 * that did not subscribe to case events, and the public report.
 */
describe('a resident’s details and the keys reach no error body, metrics label, non-case webhook or public report', () => {
  const suite = useApiSuite({ ...ALLOW_LOOPBACK, METRICS_TOKEN });
  const receiver = new WebhookReceiver();
  let worker: TestWorker;
  let admin: KeyedUser;
  const tag = label('leak').split(' ')[1];
  const ada = {
    residentName: `Ada Leakcheck ${tag}`,
    residentEmail: `ada.leakcheck.${tag}@example.test`,
    residentPhone: '07700 900461',
    residentAddress: `${tag} Quarry Lane, Upper Mill`,
    residentPostcode: 'LS1 4DY',
  };
  const secretsIn = (text: string): string[] =>
    [...Object.values(ada), admin.key].filter((value) => text.toLowerCase().includes(value.toLowerCase()));

  beforeAll(async () => {
    await receiver.start();
    worker = await startTestWorker(ALLOW_LOOPBACK);
    admin = await suite.fixtures.keyedUser('council', 'admin');
  });
  afterAll(async () => {
    await worker?.close();
    await receiver.stop();
  });

  const createCase = async (fields: Record<string, unknown> = ada) => {
    const response = await suite.request('POST', '/api/cases', {
      key: admin.key,
      json: { summary: 'Fly-tipping', ...fields },
    });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  };

  it('error bodies never echo a resident value or a key', async () => {
    const kase = await createCase();
    const wrongKey = `${admin.key.slice(0, -1)}${admin.key.endsWith('a') ? 'b' : 'a'}`;
    const answers = [
      await suite.request('POST', '/api/cases', {
        key: admin.key,
        json: { ...ada, residentEmail: `x ${ada.residentEmail}` },
      }),
      await suite.request('POST', '/api/cases', {
        key: admin.key,
        json: { summary: 'x', ...ada, residentName: ada.residentName.repeat(20) },
      }),
      await suite.request('POST', '/api/cases', {
        key: admin.key,
        json: { summary: 'x', ...ada, wardId: crypto.randomUUID() },
      }),
      await suite.request('POST', '/api/cases', {
        key: admin.key,
        rawBody: `{"summary": "x", "residentEmail": "${ada.residentEmail}", "residentPhone": ${ada.residentPhone}}`,
      }),
      await suite.request('PATCH', `/api/cases/${kase.id}`, {
        key: admin.key,
        headers: { 'If-Match': '"999"' },
        json: { residentAddress: `${ada.residentAddress} flat 2` },
      }),
      await suite.request('GET', `/api/residents/export?email=${ada.residentEmail}&phone=${ada.residentPhone}`, {
        key: admin.key,
      }),
      await suite.request('POST', '/api/residents/erase', {
        key: admin.key,
        // A count no run reaches: the other tests here make a varying number of Ada's cases.
        json: { email: ada.residentEmail, confirm: 1_000_000 },
      }),
      await suite.request('GET', `/api/cases/${kase.id}`, { key: wrongKey }),
      await suite.request('GET', '/api/cases', { headers: { Authorization: `Basic ${admin.key}` } }),
      await suite.request('POST', `/api/public/no-such-council-${tag}/cases`, { json: { summary: 'x', ...ada } }),
    ];
    for (const [index, answer] of answers.entries()) {
      expect({ index, status: answer.status >= 400 }).toEqual({ index, status: true });
      expect({ status: answer.status, leaked: secretsIn(answer.text) }).toEqual({ status: answer.status, leaked: [] });
    }
  });

  it('metrics labels carry routes and reasons, never a value or a key', async () => {
    await createCase();
    await suite.request('GET', `/api/residents/export?email=${encodeURIComponent(ada.residentEmail)}`, {
      key: admin.key,
    });
    await suite.request('GET', `/api/cases?search=${encodeURIComponent(ada.residentName)}`, { key: admin.key });
    await suite.request('GET', '/api/cases', { key: `${admin.key}x` });
    const metrics = await suite.request('GET', '/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/route="\/api\/residents\/export"/);
    expect(secretsIn(metrics.text)).toEqual([]);
  });

  it('sends case details only to endpoints subscribed to case events', async () => {
    const hook = async (path: string, events: string[]) =>
      expect(
        (await suite.request('POST', '/api/webhooks', { key: admin.key, json: { url: receiver.url(path), events } }))
          .status,
      ).toBe(201);
    await hook('/news-only', ['news_published', 'event_published', 'contact_submitted']);
    await hook('/cases', ['case_created', 'case_updated', 'case_note_added']);
    const kase = await createCase();
    await suite.request('POST', `/api/cases/${kase.id}/notes`, {
      key: admin.key,
      json: { body: `Rang ${ada.residentPhone}` },
    });
    await suite.request('PATCH', `/api/cases/${kase.id}`, { key: admin.key, json: { residentEmail: null } });
    const news = await suite.request('POST', '/api/news', {
      key: admin.key,
      json: { title: 'Bins collected on Monday', summary: 'Bank holiday', body: 'As usual.', source: 'Council' },
    });
    expect(news.status).toBe(201);
    expect(
      (await suite.request('POST', '/api/news/approve', { key: admin.key, json: { ids: [news.body.id] } })).status,
    ).toBe(200);
    await worker.deliverDue();

    const toCases = receiver.at('/cases').map((request) => request.body);
    expect(toCases.length).toBeGreaterThanOrEqual(3);
    expect(secretsIn(toCases.join('\n'))).toEqual(expect.arrayContaining([ada.residentName, ada.residentEmail]));
    const toNews = receiver.at('/news-only').map((request) => request.body);
    expect(toNews.map((body) => JSON.parse(body).event)).toEqual(['news_published']);
    expect(secretsIn(toNews.join('\n'))).toEqual([]);
  });

  it('leaves every resident detail out of the public report', async () => {
    for (let i = 0; i < 6; i++) await createCase({ ...ada, residentName: `${ada.residentName} ${i}` });
    const report = await suite.request('GET', '/api/reports/public', { key: admin.key });
    expect(report.status).toBe(200);
    expect(report.body.byStatus).toBeDefined();
    expect(secretsIn(report.text)).toEqual([]);
  });
});
