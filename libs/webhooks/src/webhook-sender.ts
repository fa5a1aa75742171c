import { type Agent, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Injectable } from '@nestjs/common';
import { isRefusedAddress, UrlRefusedError, WebhookUrlPolicy } from './webhook-url-policy';

export const SEND_TIMEOUT_MS = 10_000;
/** Of a receiver's answer at most this much is read and kept. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type SendOutcome =
  | { kind: 'answered'; statusCode: number; durationMs: number; body: string; retryAfter: string | undefined }
  | { kind: 'unreachable'; error: string; durationMs: number }
  /** The URL or the address it resolved to is forbidden: no request left the process. */
  | { kind: 'refused'; error: string; durationMs: number };

/**
 * One POST, through the address-filtering agent: no redirects followed, 10 s for the whole
 * exchange, at most 64 KiB of the answer read.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly policy: WebhookUrlPolicy) {}

  async send(message: WebhookRequest): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = this.policy.parse(message.url);
    } catch (error) {
      return { kind: 'refused', error: (error as UrlRefusedError).message, durationMs: 0 };
    }
    try {
      const answer = await this.post(url, await this.policy.agentFor(url), message);
      return { kind: 'answered', ...answer, durationMs: elapsed() };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return isRefusedAddress(error)
        ? { kind: 'refused', error: `Refused: ${text}`, durationMs: elapsed() }
        : { kind: 'unreachable', error: text, durationMs: elapsed() };
    }
  }

  private post(url: URL, agent: Agent, message: WebhookRequest) {
    return new Promise<{ statusCode: number; body: string; retryAfter: string | undefined }>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, {
        method: 'POST',
        agent,
        headers: { ...message.headers, 'content-length': String(Buffer.byteLength(message.body)) },
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      request.on('error', (error) =>
        reject(error.name === 'AbortError' ? new Error(`No answer within ${SEND_TIMEOUT_MS / 1000} s`) : error),
      );
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const retryAfter = response.headers['retry-after'];
          resolve({
            statusCode: response.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8'),
            retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          });
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_BODY_LIMIT) {
            response.destroy();
            finish();
          }
        });
        response.on('end', finish);
        response.on('error', reject);
      });
      request.end(message.body);
    });
  }
}
