import { Inject, Injectable } from '@nestjs/common';
import { ChangeRecorder } from '@wardline/changes';
import { WebhookDelivery, WebhookEndpoint } from '@wardline/database';
import {
  ActorContext,
  InjectTenantRepository,
  systemActor,
  TenantRepository,
  TenantTransaction,
} from '@wardline/tenancy';
import { nextRetryDelay, parseRetryAfter } from './retry-schedule';
import { signatureHeader } from './webhook-secret';
import { type SendOutcome, WebhookSender } from './webhook-sender';
import { WEBHOOK_WORKER_OPTIONS, type WebhookWorkerOptions } from './webhook-worker.options';

export const WORKER_ACTOR = systemActor('webhook-worker');
const FAILING_DAYS_BEFORE_DISABLE = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

type Result = Pick<
  WebhookDelivery,
  'state' | 'nextAttemptAt' | 'lastStatusCode' | 'lastDurationMs' | 'lastError' | 'lastResponseBody'
>;

/**
 * One attempt at one delivery, inside the delivery's own tenant context: read the row and its
 * endpoint, sign and send without holding a connection, then record the outcome and its
 * consequences for the endpoint (a 410 or three days of failure disable it, audited).
 */
@Injectable()
export class DeliveryAttempt {
  constructor(
    @InjectTenantRepository(WebhookDelivery) private readonly deliveries: TenantRepository<WebhookDelivery>,
    @InjectTenantRepository(WebhookEndpoint) private readonly endpoints: TenantRepository<WebhookEndpoint>,
    private readonly transaction: TenantTransaction,
    private readonly actors: ActorContext,
    private readonly recorder: ChangeRecorder,
    private readonly sender: WebhookSender,
    @Inject(WEBHOOK_WORKER_OPTIONS) private readonly options: WebhookWorkerOptions,
  ) {}

  /**
   * Works through claimed rows of one tenant: one read for all of them; then per endpoint, its
   * rows are sent side by side and recorded in one transaction (a slow endpoint holds only its own).
   */
  run(tenantId: string, deliveryIds: readonly string[]): Promise<void> {
    return this.actors.run(WORKER_ACTOR, async () => {
      const loaded = await this.transaction.runFor(tenantId, () => this.load(deliveryIds));
      const byEndpoint = new Map<WebhookEndpoint, WebhookDelivery[]>();
      for (const { delivery, endpoint } of loaded)
        byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), delivery]);
      await Promise.all(
        [...byEndpoint].map(async ([endpoint, deliveries]) => {
          const sent = await Promise.all(
            deliveries.map(async (delivery) => {
              const sentAt = this.options.clock();
              return { delivery, sentAt, outcome: await this.sender.send(this.request(delivery, endpoint, sentAt)) };
            }),
          );
          await this.transaction.runFor(tenantId, async () => {
            for (const { delivery, outcome, sentAt } of sent) await this.record(delivery, endpoint, outcome, sentAt);
          });
        }),
      );
    });
  }

  private async load(deliveryIds: readonly string[]) {
    const deliveries = await this.deliveries
      .query('delivery')
      .andWhere('delivery.id IN (:...deliveryIds)', { deliveryIds })
      .getMany();
    if (deliveries.length === 0) return [];
    const endpointIds = [...new Set(deliveries.map((delivery) => delivery.endpointId))];
    const endpoints = await this.endpoints
      .query('endpoint')
      .andWhere('endpoint.id IN (:...endpointIds)', { endpointIds })
      .getMany();
    const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
    return deliveries.flatMap((delivery) => {
      const endpoint = byId.get(delivery.endpointId);
      return endpoint ? [{ delivery, endpoint }] : [];
    });
  }

  private request(delivery: WebhookDelivery, endpoint: WebhookEndpoint, sentAt: Date) {
    const body = JSON.stringify(delivery.payload);
    const secrets = [endpoint.secret];
    if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > sentAt) {
      secrets.push(endpoint.previousSecret);
    }
    return {
      url: endpoint.url,
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Wardline-Webhooks/1',
        'webhook-id': delivery.messageId,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': signatureHeader(secrets, delivery.messageId, sentAt, body),
        'x-wardline-event': delivery.eventType,
      },
    };
  }

  private async record(delivery: WebhookDelivery, endpoint: WebhookEndpoint, outcome: SendOutcome, sentAt: Date) {
    const result = this.resultOf(delivery, outcome, sentAt);
    await this.deliveries.updateMany([delivery.id], {
      ...result,
      attempts: delivery.attempts + 1,
      lastAttemptAt: sentAt,
      leasedUntil: null,
    });
    if (result.state === 'succeeded') {
      if (endpoint.failingSince) await this.endpoints.updateMany([endpoint.id], { failingSince: null });
      return;
    }
    if (outcome.kind === 'answered' && outcome.statusCode === 410) {
      await this.disable(endpoint.id, 'The endpoint answered 410 Gone');
      return;
    }
    const failingSince = endpoint.failingSince ?? sentAt;
    if (sentAt.getTime() - failingSince.getTime() >= FAILING_DAYS_BEFORE_DISABLE * DAY_MS) {
      await this.disable(
        endpoint.id,
        `Deliveries failed for ${FAILING_DAYS_BEFORE_DISABLE} days in a row (since ${failingSince.toISOString()})`,
      );
    } else if (!endpoint.failingSince) {
      await this.endpoints.updateMany([endpoint.id], { failingSince }, 'failing_since IS NULL');
    }
  }

  private resultOf(delivery: WebhookDelivery, outcome: SendOutcome, sentAt: Date): Result {
    const common = { lastDurationMs: outcome.durationMs, nextAttemptAt: null };
    if (outcome.kind === 'refused') {
      return { ...common, state: 'dead', lastStatusCode: null, lastError: outcome.error, lastResponseBody: null };
    }
    const answered = outcome.kind === 'answered';
    const statusCode = answered ? outcome.statusCode : null;
    const facts = {
      ...common,
      lastStatusCode: statusCode,
      lastResponseBody: answered ? outcome.body : null,
    };
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
      return { ...facts, state: 'succeeded', lastError: null };
    }
    const lastError = answered ? `The endpoint answered ${outcome.statusCode}` : outcome.error;
    const delay =
      statusCode === 410
        ? null
        : nextRetryDelay(delivery.attempts + 1, answered ? parseRetryAfter(outcome.retryAfter, sentAt) : null);
    if (delay === null) return { ...facts, state: 'dead', lastError };
    return { ...facts, state: 'failed', lastError, nextAttemptAt: new Date(sentAt.getTime() + delay) };
  }

  private async disable(endpointId: string, reason: string): Promise<void> {
    const outcome = await this.endpoints.update(endpointId, { enabled: false, disabledReason: reason });
    if (outcome.kind !== 'updated' || !outcome.before.enabled) return;
    await this.recorder.record({
      action: 'webhook.disabled',
      resourceType: 'webhook',
      resourceId: endpointId,
      before: { enabled: true, disabledReason: outcome.before.disabledReason },
      after: { enabled: false, disabledReason: reason },
    });
  }
}
