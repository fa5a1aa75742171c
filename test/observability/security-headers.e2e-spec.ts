import { useApiSuite } from '../support/suite';

describe('security headers and CORS', () => {
  const suite = useApiSuite();

  it('sends helmet headers and a CSP on the docs and on API answers', async () => {
    const { key } = await suite.fixtures.keyedUser('pro', 'admin', ['wards:read']);
    for (const response of [await suite.request('GET', '/docs'), await suite.request('GET', '/api/wards', { key })]) {
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });

  it('sends the same security headers and a request id on 404s and refusals', async () => {
    const { key } = await suite.fixtures.keyedUser('pro', 'admin', ['wards:read']);
    const answered = await suite.request('GET', '/api/wards', { key });
    for (const response of [
      await suite.request('GET', '/api/nowhere', { key }),
      await suite.request('GET', '/api/wards'),
    ]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      for (const name of [
        'content-security-policy',
        'strict-transport-security',
        'x-frame-options',
        'referrer-policy',
      ]) {
        expect({ name, value: response.headers.get(name) }).toEqual({ name, value: answered.headers.get(name) });
      }
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers no cross-origin request on /api, simple or preflighted', async () => {
    const { key } = await suite.fixtures.keyedUser('pro', 'admin', ['wards:read']);
    const simple = await suite.request('GET', '/api/wards', { key, headers: { Origin: 'https://evil.example' } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${suite.app.baseUrl}/api/wards`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });
});
