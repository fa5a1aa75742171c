import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'wl_session';
export const SIGN_IN_CSRF_COOKIE = 'wl_signin_csrf';
const COOKIE_PATH = '/admin';

/** The cookies of a request (first value wins, as browsers send the most specific path first). */
export function cookiesOf(request: FastifyRequest): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!cookies.has(name)) cookies.set(name, decodeURIComponent(part.slice(at + 1).trim()));
  }
  return cookies;
}

/** HttpOnly and SameSite=Lax always; Secure whenever the request came over https. */
export function cookieHeader(request: FastifyRequest, name: string, value: string, maxAgeSeconds?: number): string {
  const attributes = [`${name}=${encodeURIComponent(value)}`, `Path=${COOKIE_PATH}`, 'HttpOnly', 'SameSite=Lax'];
  if (maxAgeSeconds !== undefined) attributes.push(`Max-Age=${maxAgeSeconds}`);
  if (request.protocol === 'https') attributes.push('Secure');
  return attributes.join('; ');
}

export const clearedCookieHeader = (request: FastifyRequest, name: string): string =>
  cookieHeader(request, name, '', 0);
