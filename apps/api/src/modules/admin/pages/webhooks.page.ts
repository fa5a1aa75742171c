import { WEBHOOK_EVENT_TYPES } from '@wardline/changes';
import { WEBHOOKS_PATH } from '../admin-paths';
import type { DashboardUser } from '../dashboard-sessions';
import type {
  WebhookDeliveryResponse,
  WebhookResponse,
  WebhookWithSecretResponse,
} from '../../webhooks/webhook.response';
import { inputField } from './form-fields';
import { html } from './html';
import { csrfInput, errorSummary, notice, page, timeOf } from './layout';
import { dataTable } from './table';

export interface NewWebhookForm {
  url: string;
  description: string;
  events: string[];
}

const endpointState = (endpoint: WebhookResponse) =>
  endpoint.enabled
    ? html`<span class="status-active">enabled</span>`
    : html`<span class="status-expired">disabled</span
        >${endpoint.disabledReason ? html`<br />${endpoint.disabledReason}` : ''}`;

const eventList = (events: readonly string[]) =>
  html`<ul class="scopes">
    ${events.map((event) => html`<li><code>${event}</code></li>`)}
  </ul>`;

function endpointRow(endpoint: WebhookResponse) {
  return html`<tr>
    <td><code>${endpoint.url}</code>${endpoint.description ? html`<br />${endpoint.description}` : ''}</td>
    <td>${eventList(endpoint.events)}</td>
    <td>${endpointState(endpoint)}</td>
    <td>${timeOf(endpoint.createdAt)}</td>
    <td>
      <a href="${WEBHOOKS_PATH}/${endpoint.id}"
        >Deliveries and settings<span class="visually-hidden"> for ${endpoint.url}</span></a
      >
    </td>
  </tr>`;
}

export function webhooksPage(user: DashboardUser, endpoints: WebhookResponse[], total: number | null): string {
  const table =
    endpoints.length === 0
      ? html`<p>No webhook endpoints yet.</p>`
      : dataTable(
          total !== null && total > endpoints.length
            ? `The newest ${endpoints.length} of ${total} endpoints`
            : `${endpoints.length} endpoints`,
          ['URL', 'Events', 'State', 'Created', 'Actions'],
          endpoints.map(endpointRow),
        );
  return page(
    'Webhooks',
    html`<p>
        Webhooks tell your council's systems when something happens in Wardline, such as a new case. Each message is
        signed with the endpoint's secret.
      </p>
      <p><a class="button" href="${WEBHOOKS_PATH}/new">Add a webhook endpoint</a></p>
      ${table}`,
    user,
  );
}

function eventCheckbox(event: string, checked: boolean) {
  const id = `event-${event}`;
  return html`<div class="checkbox">
    <input type="checkbox" id="${id}" name="events" value="${event}" ${checked ? 'checked' : ''} />
    <label for="${id}"><code>${event}</code></label>
  </div>`;
}

export function newWebhookPage(user: DashboardUser, form: NewWebhookForm, error: string | null): string {
  return page(
    'Add a webhook endpoint',
    html`${errorSummary(error)}
      <form method="post" action="${WEBHOOKS_PATH}" class="stack">
        ${csrfInput(user)}
        ${inputField({
          name: 'url',
          label: 'URL',
          value: form.url,
          required: true,
          maxlength: 2048,
          hint: 'An https address on the public internet, e.g. https://crm.example.org/hooks/wardline.',
        })}
        ${inputField({
          name: 'description',
          label: 'Description (optional)',
          value: form.description,
          maxlength: 500,
          hint: 'What receives the messages, e.g. "CRM sync".',
        })}
        <fieldset>
          <legend>Events</legend>
          <p class="hint">Choose at least one. A test ping can be sent whatever you choose.</p>
          ${WEBHOOK_EVENT_TYPES.map((event) => eventCheckbox(event, form.events.includes(event)))}
        </fieldset>
        <div class="actions">
          <button type="submit">Add endpoint</button>
          <a href="${WEBHOOKS_PATH}">Cancel</a>
        </div>
      </form>`,
    user,
  );
}

/** The signing secret, shown this once, with a copy button where the browser can copy. */
export function createdWebhookPage(user: DashboardUser, created: WebhookWithSecretResponse): string {
  return page(
    'Webhook endpoint added',
    html`<div class="secret">
        <label for="new-secret">Signing secret</label>
        <p class="hint">
          <strong>Copy it now: you won't see this secret again.</strong> Your receiver uses it to check each message's
          <code>webhook-signature</code>.
        </p>
        <input
          type="text"
          id="new-secret"
          class="key"
          readonly
          value="${created.secret}"
          aria-describedby="copy-status"
        />
        <p>
          <button type="button" hidden data-copy-target="new-secret" data-copy-status="copy-status">Copy secret</button>
        </p>
        <p id="copy-status" role="status" class="hint"></p>
      </div>
      <p>Endpoint <code>${created.url}</code> · events ${created.events.join(', ')}</p>
      <p>
        <a href="${WEBHOOKS_PATH}/${created.id}">Send a test and see deliveries</a> ·
        <a href="${WEBHOOKS_PATH}">Back to webhooks</a>
      </p>`,
    user,
  );
}

const DONE: Record<string, string> = {
  tested: 'A test ping was queued. Reload to follow its delivery.',
  enabled: 'The endpoint was enabled.',
  disabled: 'The endpoint was disabled: no messages are sent to it.',
};

function deliveryRow(delivery: WebhookDeliveryResponse) {
  return html`<tr>
    <td>${timeOf(delivery.createdAt)}</td>
    <td><code>${delivery.event}</code></td>
    <td>${delivery.state}</td>
    <td>${delivery.attempts}</td>
    <td>${delivery.lastStatusCode ?? '—'}${delivery.lastError ? html`<br />${delivery.lastError}` : ''}</td>
    <td>${timeOf(delivery.lastAttemptAt, 'Not yet')}</td>
  </tr>`;
}

function deliveriesTable(deliveries: WebhookDeliveryResponse[]) {
  if (deliveries.length === 0) return html`<p>No deliveries yet.</p>`;
  return dataTable(
    `The ${deliveries.length} most recent deliveries, newest first`,
    ['Queued', 'Event', 'Status', 'Attempts', 'Last response', 'Last attempt'],
    deliveries.map(deliveryRow),
  );
}

/** One endpoint: its settings, enable/disable, a test ping, and its recent deliveries. */
export function webhookPage(
  user: DashboardUser,
  endpoint: WebhookResponse,
  deliveries: WebhookDeliveryResponse[],
  done: string,
): string {
  const toggle = endpoint.enabled ? 'disable' : 'enable';
  return page(
    `Webhook ${endpoint.url}`,
    html`${notice(DONE[done] ?? null)}
      <dl>
        <dt>Description</dt>
        <dd>${endpoint.description ?? '—'}</dd>
        <dt>Events</dt>
        <dd>${eventList(endpoint.events)}</dd>
        <dt>State</dt>
        <dd>${endpointState(endpoint)}</dd>
      </dl>
      <div class="actions">
        ${
          endpoint.enabled
            ? html`<form method="post" action="${WEBHOOKS_PATH}/${endpoint.id}/test">
                ${csrfInput(user)}
                <button type="submit">Send a test ping</button>
              </form>`
            : ''
        }
        <form method="post" action="${WEBHOOKS_PATH}/${endpoint.id}/${toggle}">
          ${csrfInput(user)}
          <button type="submit" class="${endpoint.enabled ? 'danger' : ''}">
            ${endpoint.enabled ? 'Disable endpoint' : 'Enable endpoint'}
          </button>
        </form>
      </div>
      <h2>Recent deliveries</h2>
      ${deliveriesTable(deliveries)}
      <p><a href="${WEBHOOKS_PATH}">Back to webhooks</a></p>`,
    user,
  );
}
