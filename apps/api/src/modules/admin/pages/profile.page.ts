import type { ApiKeyListItem, ProfileFields } from '@wardline/accounts';
import { PROFILE_PATH } from '../admin-paths';
import type { DashboardUser } from '../dashboard-sessions';
import { keysTable } from './api-keys.page';
import { inputField } from './form-fields';
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
        ${inputField({ name: 'name', label: 'Name', value: profile.name, required: true, maxlength: 200, autocomplete: 'name' })}
        ${inputField({ name: 'party', label: 'Party', value: profile.party, maxlength: 200 })}
        ${inputField({
          name: 'publicEmail',
          label: 'Public email',
          type: 'email',
          value: profile.publicEmail,
          maxlength: 320,
          hint: 'Shown to residents; can differ from your sign-in email.',
        })}
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
