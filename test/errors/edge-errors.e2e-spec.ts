import { connect } from 'node:net';
import { expectEnvelope } from '../support/expectations';
import type { KeyedUser } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

/** Sends raw bytes and returns the raw HTTP response (the server closes the connection). */
function rawExchange(baseUrl: string, payload: string): Promise<string> {
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

  it('a malformed percent-encoding is a 400 in the envelope', async () => {
    const response = await suite.request('GET', '/api/cases/%ff', { key: admin.key });
    expectEnvelope(response, 400);
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
