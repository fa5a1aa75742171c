import {
  Body,
  Controller,
  Get,
  Header,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@wardline/auth';
import { ApiError, describeValidationErrors, ListQueryDto, MAX_PAGE_SIZE } from '@wardline/common';
import { WithoutRequestTransaction } from '@wardline/tenancy';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CreateWebhookDto } from '../webhooks/dto/create-webhook.dto';
import { WebhooksService } from '../webhooks/webhooks.service';
import { AdminPageFilter } from './admin-page.filter';
import { WEBHOOKS_PATH } from './admin-paths';
import type { DashboardUser } from './dashboard-sessions';
import { AdminOnly, DashboardGuard, SignedIn } from './dashboard.guard';
import { type FormFields, listField, textField } from './form-body';
import {
  createdWebhookPage,
  type NewWebhookForm,
  newWebhookPage,
  webhookPage,
  webhooksPage,
} from './pages/webhooks.page';

const HTML = 'text/html; charset=utf-8';
/** The deliveries shown on an endpoint's page: the most recent, newest first. */
export const RECENT_DELIVERIES = 20;

const firstPage = (pageSize: number) => Object.assign(new ListQueryDto(), { page: 1, pageSize });

/** The form, checked by the same rules as the API's body (`CreateWebhookDto`). */
async function webhookInput(form: NewWebhookForm): Promise<CreateWebhookDto> {
  const input = plainToInstance(CreateWebhookDto, {
    url: form.url,
    description: form.description.trim() || null,
    events: form.events,
  });
  const { fields } = describeValidationErrors(await validate(input, { forbidUnknownValues: true }));
  if (fields.events) throw ApiError.unprocessable('Choose at least one event from the list');
  const problem = Object.values(fields)[0]?.[0];
  if (problem) throw ApiError.unprocessable(problem, { fields });
  return input;
}

/** Admin → Webhooks: endpoints, their recent deliveries, add (secret shown once), enable/disable, test. */
@ApiExcludeController()
@Public()
@AdminOnly()
@UseGuards(DashboardGuard)
@UseFilters(AdminPageFilter)
@Controller(WEBHOOKS_PATH)
export class WebhooksPagesController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Header('Content-Type', HTML)
  async list(@SignedIn() user: DashboardUser): Promise<string> {
    const { items, pagination } = await this.webhooks.list(firstPage(MAX_PAGE_SIZE));
    return webhooksPage(user, items, pagination.total);
  }

  @Get('new')
  @Header('Content-Type', HTML)
  newWebhook(@SignedIn() user: DashboardUser): string {
    return newWebhookPage(user, { url: '', description: '', events: [] }, null);
  }

  /** Outside a request transaction: the service resolves the URL's host before it opens its own. */
  @Post()
  @WithoutRequestTransaction()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async create(
    @SignedIn() user: DashboardUser,
    @Body() body: FormFields,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const form: NewWebhookForm = {
      url: textField(body, 'url'),
      description: textField(body, 'description'),
      events: listField(body, 'events'),
    };
    try {
      const { body: created } = await this.webhooks.create(await webhookInput(form));
      void reply.status(HttpStatus.CREATED);
      return createdWebhookPage(user, created);
    } catch (error) {
      if (!(error instanceof ApiError) || error.getStatus() >= 500) throw error;
      void reply.status(HttpStatus.UNPROCESSABLE_ENTITY);
      return newWebhookPage(user, form, error.message);
    }
  }

  @Get(':id')
  @Header('Content-Type', HTML)
  async show(@SignedIn() user: DashboardUser, @Param('id') id: string, @Query('done') done?: string): Promise<string> {
    const { body: endpoint } = await this.webhooks.get(id);
    const deliveries = await this.webhooks.listDeliveries(id, firstPage(RECENT_DELIVERIES));
    return webhookPage(user, endpoint, deliveries.items, done ?? '');
  }

  @Post(':id/enable')
  enable(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.setEnabled(id, true, reply);
  }

  @Post(':id/disable')
  disable(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.setEnabled(id, false, reply);
  }

  @Post(':id/test')
  async test(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    await this.webhooks.test(id);
    return seeEndpoint(reply, id, 'tested');
  }

  private async setEnabled(id: string, enabled: boolean, reply: FastifyReply): Promise<string> {
    await this.webhooks.update(id, { enabled });
    return seeEndpoint(reply, id, enabled ? 'enabled' : 'disabled');
  }
}

function seeEndpoint(reply: FastifyReply, id: string, done: string): string {
  void reply.status(HttpStatus.SEE_OTHER).header('Location', `${WEBHOOKS_PATH}/${id}?done=${done}`);
  return '';
}
