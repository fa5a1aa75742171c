import { ADMIN_PATH, KEYS_PATH, PROFILE_PATH, WEBHOOKS_PATH } from '../admin-paths';
import type { DashboardUser } from '../dashboard-sessions';
import { CSRF_FIELD } from '../dashboard.guard';
import { html, type SafeHtml } from './html';

export const csrfInput = (user: DashboardUser) =>
  html`<input type="hidden" name="${CSRF_FIELD}" value="${user.csrfToken}" />`;

/** An ISO time, readable, with the machine value kept in `datetime`. */
export const timeOf = (iso: string | null, none = '—') =>
  iso ? html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>` : none;

const navigation = (user: DashboardUser) =>
  html` <nav aria-label="Dashboard">
    <ul>
      ${
        user.user.role === 'admin'
          ? html`<li><a href="${KEYS_PATH}">API keys</a></li>
              <li><a href="${WEBHOOKS_PATH}">Webhooks</a></li>`
          : ''
      }
      <li><a href="${PROFILE_PATH}">Your profile</a></li>
    </ul>
    <form method="post" action="${ADMIN_PATH}/sign-out">
      ${csrfInput(user)}
      <button type="submit" class="link-button">Sign out</button>
    </form>
  </nav>`;

/** Every dashboard page: skip link, header with the council and the navigation, one `main`. */
export function page(title: string, body: SafeHtml, user: DashboardUser | null = null): string {
  return html`<!doctype html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — Wardline admin</title>
        <link rel="stylesheet" href="${ADMIN_PATH}/assets/admin.css" />
        <script src="${ADMIN_PATH}/assets/admin.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <header>
          <p class="brand">Wardline admin${user ? html` · <span>${user.tenant.name}</span>` : ''}</p>
          ${user ? html`<p class="who">Signed in as ${user.user.name} (${user.user.role})</p>` : ''}
          ${user ? navigation(user) : ''}
        </header>
        <main id="main" tabindex="-1">
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`.value;
}

/** A message shown at the top of a form when it was refused; focused by the page script. */
export const errorSummary = (message: string | null) =>
  message ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${message}</p></div>` : '';

export const notice = (message: string | null) =>
  message ? html`<div class="notice" role="status"><p>${message}</p></div>` : '';
