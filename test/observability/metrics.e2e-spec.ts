import { freePort } from '@wardline/database';
import { useApiSuite } from '../support/suite';
import { startTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'metrics-token-for-the-test-0123456789';

describe('/metrics is not public by default', () => {
  const suite = useApiSuite();

  it('is not served on the API port without METRICS_TOKEN', async () => {
    const { key } = await suite.fixtures.keyedUser('council', 'admin');
    expect((await suite.request('GET', '/metrics')).status).toBe(404);
    expect((await suite.request('GET', '/metrics', { key })).status).toBe(404);
  });
});

describe('/metrics behind a token', () => {
  const suite = useApiSuite({ METRICS_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '2' });

  it('refuses a missing or wrong token', async () => {
    expect((await suite.request('GET', '/metrics')).status).toBe(401);
    expect((await suite.request('GET', '/metrics', { headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(
      401,
    );
  });

  it('counts requests by route and status, auth refusals by reason, rate-limit hits and pool use', async () => {
    const { key } = await suite.fixtures.keyedUser('pro', 'admin', ['wards:read']);
    for (let i = 0; i < 3; i += 1) await suite.request('GET', '/api/wards', { key });
    await suite.request('GET', '/api/wards');
    await suite.request('GET', '/api/cases', { key: 'wl_bad' });

    const response = await suite.request('GET', '/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = response.text;
    expect(text).toMatch(/wardline_http_requests_total\{method="GET",route="\/api\/wards",status="200"\} 2/);
    expect(text).toMatch(/wardline_http_requests_total\{method="GET",route="\/api\/wards",status="429"\} 1/);
    expect(text).toMatch(
      /wardline_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/wards",status="200"\}/,
    );
    expect(text).toMatch(/wardline_auth_refusals_total\{reason="Missing API key"\} 1/);
    expect(text).toMatch(/wardline_auth_refusals_total\{reason="Invalid API key"\} 1/);
    expect(text).toMatch(/wardline_rate_limit_hits_total\{subject="key"\} 1/);
    expect(text).toMatch(/wardline_db_pool_connections\{state="in_use"\} \d+/);
    expect(text).toMatch(/wardline_db_pool_connections\{state="waiting"\} 0/);
  });
});

describe('/metrics on its own port', () => {
  let port: number;
  let app: TestApp;
  beforeAll(async () => {
    port = await freePort();
    app = await startTestApp({ METRICS_PORT: String(port) });
  });
  afterAll(() => app?.close());

  it('serves metrics on METRICS_PORT and not on the API port', async () => {
    expect((await fetch(`${app.baseUrl}/metrics`)).status).toBe(404);
    await fetch(`${app.baseUrl}/health/live`);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(
      /wardline_http_requests_total\{method="GET",route="\/health\/live",status="200"\} 1/,
    );
  });
});
