import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ChangeRecorder } from '@wardline/changes';
import {
  ApiError,
  isUuid,
  type ListQueryDto,
  type Page,
  paginate,
  type SortSpec,
  versioned,
  type Versioned,
  versionMismatch,
} from '@wardline/common';
import { WebhookDelivery, WebhookEndpoint } from '@wardline/database';
import { InjectTenantRepository, TenantRepository, TenantTransaction, updatedOrThrow } from '@wardline/tenancy';
import { newWebhookSecret, WebhookUrlPolicy } from '@wardline/webhooks';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import type { UpdateWebhookDto } from './dto/update-webhook.dto';
import {
  toDeliveryResponse,
  toWebhookResponse,
  type WebhookDeliveryResponse,
  type WebhookResponse,
  type WebhookWithSecretResponse,
} from './webhook.response';

/** After a rotation the old secret keeps signing beside the new one this long. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

const WEBHOOK_SORT: SortSpec<WebhookEndpoint> = {
  fields: {
    createdAt: { expression: 'webhook.createdAt', type: 'timestamp', value: (row) => row.createdAt.toISOString() },
    url: { expression: 'webhook.url', type: 'text', value: (row) => row.url },
  },
  defaultSort: '-createdAt',
  idExpression: 'webhook.id',
  id: (row) => row.id,
};

const DELIVERY_SORT: SortSpec<WebhookDelivery> = {
  fields: {
    createdAt: { expression: 'delivery.createdAt', type: 'timestamp', value: (row) => row.createdAt.toISOString() },
  },
  defaultSort: '-createdAt',
  idExpression: 'delivery.id',
  id: (row) => row.id,
};

const webhookNotFound = () => ApiError.notFound('Webhook');
const deliveryNotFound = () => ApiError.notFound('Delivery');

/** A council's webhook endpoints: managed here, delivered by the worker (`@wardline/webhooks`). */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectTenantRepository(WebhookEndpoint) private readonly endpoints: TenantRepository<WebhookEndpoint>,
    @InjectTenantRepository(WebhookDelivery) private readonly deliveries: TenantRepository<WebhookDelivery>,
    private readonly recorder: ChangeRecorder,
    private readonly urls: WebhookUrlPolicy,
    private readonly transaction: TenantTransaction,
  ) {}

  async list(query: ListQueryDto): Promise<Page<WebhookResponse>> {
    const page = await paginate(this.endpoints.query('webhook'), query, WEBHOOK_SORT);
    return { items: page.items.map(toWebhookResponse), pagination: page.pagination };
  }

  async get(id: string): Promise<Versioned<WebhookResponse>> {
    const endpoint = await this.require(id);
    return versioned(toWebhookResponse(endpoint), endpoint.version);
  }

  /** Resolves the URL's host first, outside the transaction (its route opens none). */
  async create(input: CreateWebhookDto): Promise<Versioned<WebhookWithSecretResponse>> {
    await this.checkUrl(input.url);
    return this.transaction.run(() => this.insert(input));
  }

  private async insert(input: CreateWebhookDto): Promise<Versioned<WebhookWithSecretResponse>> {
    const endpoint = await this.endpoints.insert({
      url: input.url,
      description: input.description ?? null,
      events: input.events,
      enabled: input.enabled ?? true,
      disabledReason: null,
      secret: newWebhookSecret(),
    });
    const shown = toWebhookResponse(endpoint);
    await this.recorder.record({
      action: 'webhook.created',
      resourceType: 'webhook',
      resourceId: endpoint.id,
      after: shown,
    });
    return versioned({ ...shown, secret: endpoint.secret }, endpoint.version);
  }

  /** As `create`: the URL is checked before the transaction opens. */
  async update(id: string, patch: UpdateWebhookDto, expectedVersion?: number): Promise<Versioned<WebhookResponse>> {
    if (patch.url !== undefined) await this.checkUrl(patch.url);
    return this.transaction.run(() => this.change(id, patch, expectedVersion));
  }

  private async change(id: string, patch: UpdateWebhookDto, expectedVersion?: number) {
    // Turning an endpoint back on forgets why it was off and starts its failure count afresh.
    const reenabled = patch.enabled === true ? { disabledReason: null, failingSince: null } : {};
    const outcome = await this.endpoints.update(id, { ...patch, ...reenabled }, expectedVersion);
    const endpoint = updatedOrThrow(outcome, webhookNotFound, (current) => versionMismatch(current.version));
    const shown = toWebhookResponse(endpoint);
    if (outcome.kind === 'updated') {
      await this.recorder.record({
        action: 'webhook.updated',
        resourceType: 'webhook',
        resourceId: id,
        before: toWebhookResponse(outcome.before),
        after: shown,
      });
    }
    return versioned(shown, endpoint.version);
  }

  async remove(id: string): Promise<void> {
    const endpoint = await this.require(id);
    await this.endpoints.delete(id);
    await this.recorder.record({
      action: 'webhook.deleted',
      resourceType: 'webhook',
      resourceId: id,
      before: toWebhookResponse(endpoint),
    });
  }

  /** A new secret; the old one signs beside it for 24 hours so receivers can switch over. */
  async rotateSecret(id: string): Promise<Versioned<WebhookWithSecretResponse>> {
    const current = await this.require(id);
    const previousSecretExpiresAt = new Date(Date.now() + SECRET_OVERLAP_MS);
    const outcome = await this.endpoints.update(id, {
      secret: newWebhookSecret(),
      previousSecret: current.secret,
      previousSecretExpiresAt,
    });
    const endpoint = updatedOrThrow(outcome, webhookNotFound, (row) => versionMismatch(row.version));
    await this.recorder.record({
      action: 'webhook.secret_rotated',
      resourceType: 'webhook',
      resourceId: id,
      after: { previousSecretExpiresAt: previousSecretExpiresAt.toISOString() },
    });
    return versioned({ ...toWebhookResponse(endpoint), secret: endpoint.secret }, endpoint.version);
  }

  /** Queues a signed `ping` for the worker to send. */
  async test(id: string): Promise<WebhookDeliveryResponse> {
    const endpoint = await this.requireEnabled(id);
    const delivery = await this.queue(endpoint.id, randomUUID(), 'ping', {
      event: 'ping',
      timestamp: new Date().toISOString(),
      data: { webhookId: endpoint.id },
    });
    await this.recorder.record({
      action: 'webhook.tested',
      resourceType: 'webhook',
      resourceId: endpoint.id,
      after: { deliveryId: delivery.id },
    });
    return toDeliveryResponse(delivery);
  }

  async listDeliveries(id: string, query: ListQueryDto): Promise<Page<WebhookDeliveryResponse>> {
    await this.require(id);
    const deliveries = this.deliveries.query('delivery').andWhere('delivery.endpointId = :id', { id });
    const page = await paginate(deliveries, query, DELIVERY_SORT);
    return { items: page.items.map(toDeliveryResponse), pagination: page.pagination };
  }

  /** Sends a message again as a new delivery with the same `webhook-id`, so receivers can de-duplicate. */
  async redeliver(id: string, deliveryId: string): Promise<WebhookDeliveryResponse> {
    const endpoint = await this.requireEnabled(id);
    const original = isUuid(deliveryId)
      ? await this.deliveries
          .query('delivery')
          .andWhere('delivery.id = :deliveryId AND delivery.endpointId = :id', { deliveryId, id })
          .getOne()
      : null;
    if (!original) throw deliveryNotFound();
    const delivery = await this.queue(endpoint.id, original.messageId, original.eventType, original.payload);
    await this.recorder.record({
      action: 'webhook.redelivered',
      resourceType: 'webhook',
      resourceId: endpoint.id,
      after: { deliveryId: delivery.id, redeliveryOf: original.id },
    });
    return toDeliveryResponse(delivery);
  }

  private queue(endpointId: string, messageId: string, eventType: string, payload: Record<string, unknown>) {
    return this.deliveries.insert({
      endpointId,
      messageId,
      outboxEventId: null,
      eventType,
      payload,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
    });
  }

  private async require(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findById(id, 'webhook');
    if (!endpoint) throw webhookNotFound();
    return endpoint;
  }

  private async requireEnabled(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.require(id);
    if (!endpoint.enabled) {
      throw ApiError.unprocessable('The webhook is disabled: enable it first', {
        disabledReason: endpoint.disabledReason,
      });
    }
    return endpoint;
  }

  private async checkUrl(url: string): Promise<void> {
    const problem = await this.urls.problemWith(url);
    if (problem) throw ApiError.unprocessable(problem, { fields: { url: [problem] } });
  }
}
