import type { TenantView } from '@wardline/accounts';
import type { Role } from '@wardline/database';
import { type Fixtures, uniqueSuffix } from './fixtures';
import { registerKeysIn } from './leak-registry';

/**
 * A browser-like HTTP client for the dashboard's server-rendered forms: keeps the cookies it
 * is given, never follows redirects (tests look at them), and reads each form's CSRF token.
 */
export interface DashboardResponse {
  status: number;
  location: string | null;
  setCookies: string[];
  html: string;
}

const CSRF = /name="_csrf" value="([^"]+)"/;

export class DashboardClient {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that had a form. */
  csrf = '';

  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<DashboardResponse> {
    return this.send('GET', path);
  }

  /** Posts a form; the last page's CSRF token is added unless `_csrf` is given (or `null` to leave it out). */
  async post(path: string, fields: Record<string, string | string[]>, csrf: string | null = this.csrf) {
    const body = new URLSearchParams();
    if (csrf !== null) body.append('_csrf', csrf);
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    return this.send('POST', path, body.toString());
  }

  async signIn(email: string, password: string): Promise<DashboardResponse> {
    await this.get('/admin/sign-in');
    return this.post('/admin/sign-in', { email, password });
  }

  private async send(method: string, path: string, body?: string): Promise<DashboardResponse> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const cookie of setCookies) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (attributes.some((attribute) => attribute.trim() === 'Max-Age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    registerKeysIn(body);
    const html = await response.text();
    registerKeysIn(html);
    const csrf = CSRF.exec(html);
    if (csrf) this.csrf = csrf[1];
    return { status: response.status, location: response.headers.get('location'), setCookies, html };
  }
}

/** The password every dashboard test user gets. */
export const DASHBOARD_PASSWORD = 'correct horse battery staple';

/** A user of `tenant` who can sign in to the dashboard with `DASHBOARD_PASSWORD`. */
export function dashboardUser(fixtures: Fixtures, tenant: Pick<TenantView, 'id'>, role: Role, name = `Dash ${role}`) {
  return fixtures.createUser(tenant, {
    email: `${uniqueSuffix()}@dashboard.example`,
    name: `${name} ${uniqueSuffix()}`,
    role,
    password: DASHBOARD_PASSWORD,
  });
}

/** A dashboard client already signed in as `email`. */
export async function signedInClient(baseUrl: string, email: string): Promise<DashboardClient> {
  const client = new DashboardClient(baseUrl);
  const response = await client.signIn(email, DASHBOARD_PASSWORD);
  if (response.status !== 303) throw new Error(`sign-in as ${email} answered ${response.status}`);
  return client;
}

/** The key a "created" or "rotated" page shows once. */
export const shownKeyOf = (html: string): string => {
  const key = /id="new-key"[^>]*value="(wl_[A-Za-z0-9]+)"/.exec(html)?.[1];
  if (!key) throw new Error('The page shows no new key');
  return key;
};
