import type { ApiKeyListItem, ProfileFields } from '@wardline/accounts';
import { PROFILE_PATH } from '../admin-paths';
import type { DashboardUser } from '../dashboard-sessions';
import { keysTable } from './api-keys.page';
import { html } from './html';
import { csrfInput, errorSummary, notice, page } from './layout';

const text = (value: string | null) => value ?? '';

/** A user's own public profile (editable) and the keys they own (read-only). */
export function profilePage(
  user: DashboardUser,
  profile: ProfileFields,
  keys: ApiKeyListItem[],
  saved: boolean,
  error: string | null,
): string {
  return page(
    'Your profile',
    html`${notice(saved ? 'Your profile was saved.' : null)}${errorSummary(error)}
      <p>Email <strong>${user.user.email}</strong> · role <strong>${user.user.role}</strong></p>
      <form method="post" action="${PROFILE_PATH}" class="stack">
        ${csrfInput(user)}
        <div>
          <label for="name">Name</label>
          <input
            type="text"
            id="name"
            name="name"
            required
            maxlength="200"
            value="${profile.name}"
            autocomplete="name"
          />
        </div>
        <div>
          <label for="party">Party</label>
          <input type="text" id="party" name="party" maxlength="200" value="${text(profile.party)}" />
        </div>
        <div>
          <label for="publicEmail">Public email</label>
          <p class="hint" id="public-email-hint">Shown to residents; can differ from your sign-in email.</p>
          <input
            type="email"
            id="publicEmail"
            name="publicEmail"
            maxlength="320"
            value="${text(profile.publicEmail)}"
            aria-describedby="public-email-hint"
          />
        </div>
        <div>
          <label for="bio">Bio</label>
          <textarea id="bio" name="bio" maxlength="2000">${text(profile.bio)}</textarea>
        </div>
        <button type="submit">Save profile</button>
      </form>
      <h2>Your API keys</h2>
      <p>Keys you own. An admin of your council creates, rotates and deactivates them.</p>
      ${keysTable(keys, 'Keys you own', false)}`,
    user,
  );
}
