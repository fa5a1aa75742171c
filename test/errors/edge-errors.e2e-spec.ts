import { connect } from 'node:net';
import { INVALID_URL_CHARACTER, MALFORMED_URL } from '../../apps/api/src/bootstrap/edge-errors';
import { expectEnvelope } from '../support/expectations';
import type { KeyedUser } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

/** Sends raw bytes and returns the raw HTTP response (the server closes the connection). */
function rawExchange(baseUrl: string, payload: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    // Half-close after writing: the server sees the end of the request stream.
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true }, () => socket.end(payload));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (received += chunk));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer; got ${received}`)));
  });
}

function parseRaw(raw: string) {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = new Map(
    headerLines.map((line) => [line.split(':')[0].toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(rest.join('\r\n\r\n')) as unknown };
}

describe('errors answered outside Nest keep the envelope and the request id (issue 7, finding 8)', () => {
  const suite = useApiSuite();
  let admin: KeyedUser;
  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser();
  });

  it('a 101-character id is a 404, not a 414', async () => {
    const response = await suite.request('GET', `/api/cases/${'a'.repeat(101)}`, { key: admin.key });
    expectEnvelope(response, 404);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it.each(['/api/cases/%ff', '/api/cases/%E9', '/api/cases/%zz', '/api/caf%E9'])(
    'a malformed percent-encoding (%s) is a 400 in the envelope that says how to encode',
    async (path) => {
      const response = await suite.request('GET', path, { key: admin.key });
      expectEnvelope(response, 400);
      expect(response.body).toEqual({ error: MALFORMED_URL });
      expect(MALFORMED_URL).toBe(
        'Malformed URL: each % must start a valid percent-encoding of UTF-8 text; ' +
          'percent-encode spaces and non-ASCII characters as UTF-8 (é is %C3%A9)',
      );
      expect(response.headers.get('x-request-id')).toBeTruthy();
    },
  );

  it.each(['/api/caf%C3%A9', '/api/café'])(
    'a well-encoded non-ASCII path no route has (%s) is a 404 in the envelope',
    async (path) => {
      const response = await suite.request('GET', path, { key: admin.key });
      expectEnvelope(response, 404);
      expect(response.headers.get('x-request-id')).toBeTruthy();
    },
  );

  it('a well-encoded non-ASCII id is a 404 in the envelope', async () => {
    const response = await suite.request('GET', '/api/cases/caf%C3%A9', { key: admin.key });
    expect(response.body).toEqual({ error: 'Case not found' });
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it.each([
    ['raw UTF-8 bytes', Buffer.from('GET /api/café HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8')],
    ['a raw Latin-1 byte', Buffer.from('GET /api/cases/\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1')],
  ])('a path with %s unencoded is a 400 in the envelope with a request id', async (_label, payload) => {
    const response = parseRaw(await rawExchange(suite.app.baseUrl, payload));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: INVALID_URL_CHARACTER });
    expect(INVALID_URL_CHARACTER).toBe(
      'Malformed URL: it holds a character a URL may not; ' +
        'percent-encode spaces and non-ASCII characters as UTF-8 (é is %C3%A9)',
    );
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('a 16 KB header is a 431 in the envelope', async () => {
    const raw = await rawExchange(
      suite.app.baseUrl,
      `GET /api/wards HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(16 * 1024)}\r\n\r\n`,
    );
    const response = parseRaw(raw);
    expect(response.status).toBe(431);
    expect(response.body).toEqual({ error: expect.any(String) });
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('a body longer than its Content-Length is answered in the envelope', async () => {
    const body = '{"name":"x"}';
    const raw = await rawExchange(
      suite.app.baseUrl,
      `POST /api/wards HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin.key}\r\nContent-Type: application/json\r\n` +
        `Content-Length: 3\r\nConnection: close\r\n\r\n${body}`,
    );
    const responses = raw.split(/(?=HTTP\/1\.1 )/);
    for (const part of responses) {
      const response = parseRaw(part);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.body).toEqual({ error: expect.any(String), ...(response.body as object) });
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('a body shorter than its Content-Length is a 400 in the envelope', async () => {
    const raw = await rawExchange(
      suite.app.baseUrl,
      `POST /api/wards HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin.key}\r\nContent-Type: application/json\r\n` +
        `Content-Length: 30\r\n\r\n{"name":"x"}`,
    );
    const response = parseRaw(raw);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: expect.any(String) });
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });
});
