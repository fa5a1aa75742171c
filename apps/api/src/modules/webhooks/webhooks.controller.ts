import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireScope } from '@wardline/auth';
import { ApiErrorResponses, IfMatch, type Versioned } from '@wardline/common';
import { WithoutRequestTransaction } from '@wardline/tenancy';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { ListDeliveriesQuery, ListWebhooksQuery } from './dto/list-webhooks.query';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import {
  WebhookDeliveryListResponse,
  WebhookDeliveryResponse,
  WebhookListResponse,
  WebhookResponse,
  WebhookWithSecretResponse,
} from './webhook.response';
import { WebhooksService } from './webhooks.service';

@ApiTags('Webhooks')
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @RequireScope('webhooks:read')
  @ApiOperation({ summary: 'List webhook endpoints', description: 'Sort: `createdAt` (default `-createdAt`), `url`.' })
  @ApiOkResponse({ type: WebhookListResponse })
  @ApiErrorResponses(400)
  async list(@Query() query: ListWebhooksQuery): Promise<WebhookListResponse> {
    const page = await this.webhooks.list(query);
    return { webhooks: page.items, pagination: page.pagination };
  }

  @Get(':id')
  @RequireScope('webhooks:read')
  @ApiOperation({ summary: 'Get a webhook endpoint' })
  @ApiOkResponse({ type: WebhookResponse, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiErrorResponses(404)
  get(@Param('id') id: string): Promise<Versioned<WebhookResponse>> {
    return this.webhooks.get(id);
  }

  @Post()
  @HttpCode(201)
  @RequireScope('webhooks:write')
  @WithoutRequestTransaction()
  @ApiOperation({
    summary: 'Create a webhook endpoint',
    description: 'The URL must be https and resolve to public addresses only. The `secret` is shown only now.',
  })
  @ApiCreatedResponse({ type: WebhookWithSecretResponse })
  @ApiErrorResponses(400, 413, 422)
  create(@Body() body: CreateWebhookDto): Promise<Versioned<WebhookWithSecretResponse>> {
    return this.webhooks.create(body);
  }

  @Patch(':id')
  @RequireScope('webhooks:write')
  @WithoutRequestTransaction()
  @ApiOperation({ summary: 'Update a webhook endpoint (enabling it again clears `disabledReason`)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 409 if it changed' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrorResponses(400, 404, 409, 413, 422)
  update(
    @Param('id') id: string,
    @Body() body: UpdateWebhookDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<Versioned<WebhookResponse>> {
    return this.webhooks.update(id, body, expectedVersion);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScope('webhooks:write')
  @ApiOperation({ summary: 'Delete a webhook endpoint and its deliveries' })
  @ApiNoContentResponse()
  @ApiErrorResponses(404)
  remove(@Param('id') id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  @Post(':id/rotate-secret')
  @RequireScope('webhooks:write')
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description: 'The new `secret` is shown only now; the old one keeps signing beside it for 24 hours.',
  })
  @ApiCreatedResponse({ type: WebhookWithSecretResponse })
  @ApiErrorResponses(404)
  rotateSecret(@Param('id') id: string): Promise<Versioned<WebhookWithSecretResponse>> {
    return this.webhooks.rotateSecret(id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @RequireScope('webhooks:write')
  @ApiOperation({ summary: 'Send a signed `ping` to the endpoint (queued; follow it in the deliveries)' })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  @ApiErrorResponses(404, 422)
  test(@Param('id') id: string): Promise<WebhookDeliveryResponse> {
    return this.webhooks.test(id);
  }

  @Get(':id/deliveries')
  @RequireScope('webhooks:read')
  @ApiOperation({ summary: "The endpoint's deliveries, newest first" })
  @ApiOkResponse({ type: WebhookDeliveryListResponse })
  @ApiErrorResponses(400, 404)
  async deliveries(@Param('id') id: string, @Query() query: ListDeliveriesQuery): Promise<WebhookDeliveryListResponse> {
    const page = await this.webhooks.listDeliveries(id, query);
    return { deliveries: page.items, pagination: page.pagination };
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @RequireScope('webhooks:write')
  @ApiOperation({ summary: 'Send a delivered (or failed) message again, with the same `webhook-id`' })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  @ApiErrorResponses(404, 422)
  redeliver(@Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<WebhookDeliveryResponse> {
    return this.webhooks.redeliver(id, deliveryId);
  }
}
