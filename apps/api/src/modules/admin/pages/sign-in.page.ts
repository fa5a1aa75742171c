import { SIGN_IN_PATH } from '../admin-paths';
import { CSRF_FIELD } from '../dashboard.guard';
import { inputField } from './form-fields';
import { html } from './html';
import { errorSummary, page } from './layout';

export function signInPage(csrfToken: string, email = '', error: string | null = null): string {
  return page(
    'Sign in',
    html`${errorSummary(error)}
      <form method="post" action="${SIGN_IN_PATH}" class="stack">
        <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
        ${inputField({ name: 'email', label: 'Email address', type: 'email', value: email, required: true, autocomplete: 'username' })}
        ${inputField({ name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'current-password' })}
        <button type="submit">Sign in</button>
      </form>`,
  );
}
