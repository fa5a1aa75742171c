import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { sendError } from '@wardline/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** How to write a URL that Node and Fastify can read: what a client most often gets wrong. */
const HOW_TO_ENCODE = 'percent-encode spaces and non-ASCII characters as UTF-8 (é is %C3%A9)';
export const MALFORMED_URL = `Malformed URL: each % must start a valid percent-encoding of UTF-8 text; ${HOW_TO_ENCODE}`;
export const INVALID_URL_CHARACTER = `Malformed URL: it holds a character a URL may not; ${HOW_TO_ENCODE}`;

/**
 * Errors Fastify's router answers before any hook or Nest sees the request: an over-long path
 * segment can name no resource (404), a malformed URL is a 400. Both in the envelope, with
 * the request id.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('X-Request-Id', request.id);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') sendError(reply, 404, { error: 'Not found' });
  else sendError(reply, 400, { error: MALFORMED_URL });
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request headers are too large'],
  HPE_INVALID_URL: [400, INVALID_URL_CHARACTER],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request timed out'],
};

/**
 * Requests Node's HTTP parser refuses (headers too large, malformed framing such as a
 * Content-Length that does not match the body): answered in the envelope with a request id,
 * then the connection is closed, as the stream can no longer be trusted.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Malformed HTTP request'];
  const body = JSON.stringify({ error: message });
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${randomUUID()}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
