import { SIGN_IN_PATH } from '../admin-paths';
import { CSRF_FIELD } from '../dashboard.guard';
import { html } from './html';
import { errorSummary, page } from './layout';

export function signInPage(csrfToken: string, email = '', error: string | null = null): string {
  return page(
    'Sign in',
    html`${errorSummary(error)}
      <form method="post" action="${SIGN_IN_PATH}" class="stack">
        <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
        <div>
          <label for="email">Email address</label>
          <input type="email" id="email" name="email" autocomplete="username" required value="${email}" />
        </div>
        <div>
          <label for="password">Password</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required />
        </div>
        <button type="submit">Sign in</button>
      </form>`,
  );
}
