import createClient, { type Client, type ClientOptions, mergeHeaders } from 'openapi-fetch';
import type { paths } from './generated/wardline-api';

export type WardlineClient = Client<paths>;

export interface WardlineClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Where the API runs, e.g. `https://wardline.example.gov.uk` (no trailing `/api`). */
  baseUrl: string;
  /** A Wardline API key (`wl_…`), sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
}

/** An `openapi-fetch` client typed by the committed `openapi.json`, sending the key on every request. */
export function createWardlineClient({ apiKey, headers, ...options }: WardlineClientOptions): WardlineClient {
  const auth = apiKey ? { Authorization: `Bearer ${apiKey}` } : undefined;
  return createClient<paths>({ ...options, headers: mergeHeaders(auth, headers) });
}
