import { registerKeysIn, registerResidentFields, registerResidentMatchers, registerSensitive } from './leak-registry';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  key?: string;
  /** Send the key as `X-API-Key` instead of `Authorization: Bearer`. */
  keyHeader?: 'bearer' | 'x-api-key';
  headers?: Record<string, string>;
  json?: unknown;
  /** A raw body, sent as is with `Content-Type: application/json`. */
  rawBody?: string;
}

/** A thin fetch wrapper for e2e tests: real HTTP to the running server. */
export function httpClient(baseUrl: string) {
  return async function request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) {
      if (options.keyHeader === 'x-api-key') headers['X-API-Key'] = options.key;
      else headers.Authorization = `Bearer ${options.key}`;
    }
    let body: string | undefined;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    if (options.rawBody !== undefined) body = options.rawBody;
    if (body !== undefined) headers['Content-Type'] ??= 'application/json';
    registerSent(path, options, body);
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    // Decoded by hand so a byte order mark stays visible (response.text() drops it).
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('application/json') && text) parsed = JSON.parse(text);
    registerKeysIn(text);
    registerResidentFields(parsed);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };
}

/** What a request sends that the run's leak scan must never find in a log or the audit log. */
function registerSent(path: string, options: RequestOptions, body: string | undefined): void {
  registerSensitive('api key', options.key);
  registerKeysIn(body);
  registerResidentFields(options.json);
  const [route, search] = path.split('?');
  if (route.startsWith('/api/residents')) {
    registerResidentMatchers(Object.fromEntries(new URLSearchParams(search ?? '')));
    if (options.json && typeof options.json === 'object')
      registerResidentMatchers(options.json as Record<string, unknown>);
  }
}

export type HttpClient = ReturnType<typeof httpClient>;

/** Repeats a request until it answers `expected` or `withinMs` pass; returns the last status. */
export async function statusWithin(
  request: HttpClient,
  expected: number,
  withinMs: number,
  ...args: Parameters<HttpClient>
): Promise<number> {
  const deadline = Date.now() + withinMs;
  let status = (await request(...args)).status;
  while (status !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = (await request(...args)).status;
  }
  return status;
}
