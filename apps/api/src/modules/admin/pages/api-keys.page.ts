import type { ApiKeyListItem, ApiKeyStatus, CreatedApiKey, UserView } from '@wardline/accounts';
import { planIncludes, SCOPE_POLICY, SCOPES, type Scope } from '@wardline/auth';
import type { Plan } from '@wardline/database';
import { KEYS_PATH } from '../admin-paths';
import type { DashboardUser } from '../dashboard-sessions';
import { inputField } from './form-fields';
import { html } from './html';
import { csrfInput, errorSummary, notice, page, timeOf } from './layout';
import { dataTable } from './table';

export const KEY_STATUS_FILTERS = ['all', 'active', 'expired', 'revoked'] as const;
export type KeyStatusFilter = (typeof KEY_STATUS_FILTERS)[number];
export const GRACE_PERIODS_HOURS = [0, 1, 24, 72, 168] as const;

const graceLabel = (hours: number) =>
  hours === 0 ? 'Immediately' : hours < 24 ? `After ${hours} hour` : `After ${hours / 24} day${hours > 24 ? 's' : ''}`;

const statusCell = (status: ApiKeyStatus) => html`<span class="status-${status}">${status}</span>`;

export interface NewKeyForm {
  name: string;
  ownerId: string;
  scopes: string[];
  expiresOn: string;
}

function keyRow(key: ApiKeyListItem, actions: boolean) {
  return html`<tr>
    <td>${key.name}</td>
    <td><code>${key.prefix}</code></td>
    <td>
      <ul class="scopes">
        ${key.scopes.map((scope) => html`<li><code>${scope}</code></li>`)}
      </ul>
    </td>
    <td>${key.owner.name}</td>
    <td>${timeOf(key.createdAt)}</td>
    <td>${timeOf(key.lastUsedAt, 'Never')}</td>
    <td>${timeOf(key.expiresAt, 'Never')}</td>
    <td>${statusCell(key.status)}</td>
    ${
      actions
        ? html`<td>
            ${
              key.status === 'active'
                ? html`<div class="actions">
                    <a href="${KEYS_PATH}/${key.id}/rotate">Rotate<span class="visually-hidden"> ${key.name}</span></a>
                    <a href="${KEYS_PATH}/${key.id}/revoke"
                      >Deactivate<span class="visually-hidden"> ${key.name}</span></a
                    >
                  </div>`
                : ''
            }
          </td>`
        : ''
    }
  </tr>`;
}

const KEY_COLUMNS = ['Name', 'Prefix', 'Scopes', 'Owner', 'Created', 'Last used', 'Expires', 'Status'];

/** The keys table of contract §5; with actions for admins, read-only on a user's own profile. */
export function keysTable(keys: ApiKeyListItem[], caption: string, actions: boolean) {
  if (keys.length === 0) return html`<p>No keys to show.</p>`;
  return dataTable(
    caption,
    [...KEY_COLUMNS, ...(actions ? ['Actions'] : [])],
    keys.map((key) => keyRow(key, actions)),
  );
}

const DONE: Record<string, string> = { revoked: 'The key was deactivated. Every running instance now refuses it.' };

export function keysPage(user: DashboardUser, keys: ApiKeyListItem[], filter: KeyStatusFilter, done: string): string {
  const shown = filter === 'all' ? keys : keys.filter((key) => key.status === filter);
  return page(
    'API keys',
    html`${notice(DONE[done] ?? null)}
      <p>
        Keys let your council's systems call the Wardline API. Each key belongs to one user, and can do no more than
        that user's role allows.
      </p>
      <p><a class="button" href="${KEYS_PATH}/new">Create an API key</a></p>
      <form method="get" action="${KEYS_PATH}" class="filter">
        <div>
          <label for="status">Show</label>
          <select id="status" name="status">
            ${KEY_STATUS_FILTERS.map((value) => html`<option value="${value}" ${value === filter ? 'selected' : ''}>${value === 'all' ? 'All keys' : `${value[0].toUpperCase()}${value.slice(1)} keys`}</option>`)}
          </select>
        </div>
        <button type="submit" class="secondary">Filter</button>
      </form>
      ${keysTable(shown, `${shown.length} of ${keys.length} keys`, true)}`,
    user,
  );
}

/** A plan without API access: why there is no key form, and how to get one. */
export function noApiAccessPage(user: DashboardUser): string {
  return page(
    'API keys',
    html`<p>Your council is on the <strong>${user.tenant.plan}</strong> plan, which does not include API access.</p>
      <p>
        API keys need the Pro or Council plan. To upgrade, contact Wardline support (operators run
        <code>tenant set-plan ${user.tenant.slug} pro</code>); your keys can be made here as soon as the plan changes.
      </p>`,
    user,
  );
}

const scopeGroups = () => {
  const groups = new Map<string, Scope[]>();
  for (const scope of SCOPES) {
    const resource = scope.split(':')[0];
    groups.set(resource, [...(groups.get(resource) ?? []), scope]);
  }
  return [...groups];
};

function scopeCheckbox(scope: Scope, plan: Plan, checked: boolean) {
  const id = `scope-${scope.replace(':', '-')}`;
  const available = planIncludes(plan, scope);
  const minRole = SCOPE_POLICY[scope].minRole;
  return html`<div class="checkbox ${available ? '' : 'unavailable'}">
    <input
      type="checkbox"
      id="${id}"
      name="scopes"
      value="${scope}"
      ${checked && available ? 'checked' : ''}
      ${available ? '' : 'disabled'}
      aria-describedby="${id}-hint"
    />
    <label for="${id}"><code>${scope}</code></label>
    <span class="hint" id="${id}-hint"
      >${available ? (minRole === 'caseworker' ? '' : `(owner must be ${minRole})`) : '(not in your plan: needs the Council plan)'}</span
    >
  </div>`;
}

export function newKeyPage(user: DashboardUser, owners: UserView[], form: NewKeyForm, error: string | null): string {
  return page(
    'Create an API key',
    html`${errorSummary(error)}
      <form method="post" action="${KEYS_PATH}" class="stack">
        ${csrfInput(user)}
        ${inputField({ name: 'name', label: 'Name', value: form.name, required: true, maxlength: 200, hint: 'What uses the key, e.g. "CRM sync".' })}
        <div>
          <label for="ownerId">Owner</label>
          <p class="hint" id="owner-hint">The key can do no more than its owner's role allows.</p>
          <select id="ownerId" name="ownerId" aria-describedby="owner-hint">
            ${owners.map((owner) => html`<option value="${owner.id}" ${owner.id === form.ownerId ? 'selected' : ''}>${owner.name} (${owner.role})</option>`)}
          </select>
        </div>
        <fieldset>
          <legend>Scopes</legend>
          <p class="hint">Give only what the integration needs. Reading and writing are separate.</p>
          ${scopeGroups().map(
            ([resource, scopes]) =>
              html`<fieldset>
                <legend>${resource}</legend>
                ${scopes.map((scope) => scopeCheckbox(scope, user.tenant.plan, form.scopes.includes(scope)))}
              </fieldset>`,
          )}
        </fieldset>
        ${inputField({
          name: 'expiresOn',
          label: 'Expires (optional)',
          type: 'date',
          value: form.expiresOn,
          hint: 'The key stops working at the end of this day (UTC). Leave empty for no expiry.',
        })}
        <div class="actions">
          <button type="submit">Create key</button>
          <a href="${KEYS_PATH}">Cancel</a>
        </div>
      </form>`,
    user,
  );
}

/** The key, shown this once, with a copy button where the browser can copy. */
export function createdKeyPage(
  user: DashboardUser,
  title: string,
  created: CreatedApiKey,
  extra: string | null,
): string {
  return page(
    title,
    html`${notice(extra)}
      <div class="secret">
        <label for="new-key">Your new API key</label>
        <p class="hint">
          <strong>Copy it now: you won't see this key again.</strong> Store it somewhere safe, such as a password
          manager.
        </p>
        <input type="text" id="new-key" class="key" readonly value="${created.key}" aria-describedby="copy-status" />
        <p><button type="button" hidden data-copy-target="new-key" data-copy-status="copy-status">Copy key</button></p>
        <p id="copy-status" role="status" class="hint"></p>
      </div>
      <p>
        Prefix <code>${created.prefix}</code> · scopes ${created.scopes.join(', ') || 'none'} · expires
        ${timeOf(created.expiresAt, 'never')}
      </p>
      <p>Try it: <code>curl -H "Authorization: Bearer &lt;your key&gt;" /api/me</code></p>
      <p><a href="${KEYS_PATH}">Back to API keys</a></p>`,
    user,
  );
}

export function revokeConfirmPage(user: DashboardUser, key: ApiKeyListItem): string {
  return page(
    `Deactivate "${key.name}"?`,
    html`<p>
        Key <code>${key.prefix}</code> owned by ${key.owner.name} will stop working at once, on every running instance.
        This cannot be undone.
      </p>
      <form method="post" action="${KEYS_PATH}/${key.id}/revoke" class="actions">
        ${csrfInput(user)}
        <button type="submit" class="danger">Deactivate key</button>
        <a href="${KEYS_PATH}">Cancel</a>
      </form>`,
    user,
  );
}

export function rotateFormPage(user: DashboardUser, key: ApiKeyListItem): string {
  return page(
    `Rotate "${key.name}"`,
    html`<p>A new key with the same name, owner, scopes and expiry replaces <code>${key.prefix}</code>.</p>
      <form method="post" action="${KEYS_PATH}/${key.id}/rotate" class="stack">
        ${csrfInput(user)}
        <div>
          <label for="graceHours">When should the old key stop working?</label>
          <p class="hint" id="grace-hint">
            A grace period lets your integration switch to the new key first (at most 7 days).
          </p>
          <select id="graceHours" name="graceHours" aria-describedby="grace-hint">
            ${GRACE_PERIODS_HOURS.map((hours) => html`<option value="${hours}">${graceLabel(hours)}</option>`)}
          </select>
        </div>
        <div class="actions">
          <button type="submit">Rotate key</button>
          <a href="${KEYS_PATH}">Cancel</a>
        </div>
      </form>`,
    user,
  );
}
