import {
  Body,
  Controller,
  Get,
  Header,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type ApiKeyListItem, ApiKeysService, TenantsService, UserAccountsService } from '@wardline/accounts';
import { planHasApiAccess, Public } from '@wardline/auth';
import { ApiError } from '@wardline/common';
import type { FastifyReply } from 'fastify';
import { AdminPageFilter } from './admin-page.filter';
import { KEYS_PATH } from './admin-paths';
import type { DashboardUser } from './dashboard-sessions';
import { AdminOnly, DashboardGuard, SignedIn } from './dashboard.guard';
import { type FormFields, listField, textField } from './form-body';
import {
  createdKeyPage,
  GRACE_PERIODS_HOURS,
  KEY_STATUS_FILTERS,
  type KeyStatusFilter,
  keysPage,
  type NewKeyForm,
  newKeyPage,
  noApiAccessPage,
  revokeConfirmPage,
  rotateFormPage,
} from './pages/api-keys.page';

const HTML = 'text/html; charset=utf-8';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Admin → API Keys: list, create (shown once), deactivate, rotate — through the account services. */
@ApiExcludeController()
@Public()
@AdminOnly()
@UseGuards(DashboardGuard)
@UseFilters(AdminPageFilter)
@Controller(KEYS_PATH)
export class ApiKeysPagesController {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly users: UserAccountsService,
    private readonly tenants: TenantsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async list(
    @SignedIn() user: DashboardUser,
    @Query('status') status?: string,
    @Query('done') done?: string,
  ): Promise<string> {
    if (!planHasApiAccess(user.tenant.plan)) return noApiAccessPage(user);
    const filter = (KEY_STATUS_FILTERS as readonly string[]).includes(status ?? '')
      ? (status as KeyStatusFilter)
      : 'all';
    return keysPage(user, await this.apiKeys.list(await this.tenants.current()), filter, done ?? '');
  }

  @Get('new')
  @Header('Content-Type', HTML)
  async newKey(@SignedIn() user: DashboardUser): Promise<string> {
    if (!planHasApiAccess(user.tenant.plan)) return noApiAccessPage(user);
    return this.keyForm(user, { name: '', ownerId: user.user.id, scopes: [], expiresOn: '' }, null);
  }

  @Post()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async create(
    @SignedIn() user: DashboardUser,
    @Body() body: FormFields,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!planHasApiAccess(user.tenant.plan)) return noApiAccessPage(user);
    const form: NewKeyForm = {
      name: textField(body, 'name'),
      ownerId: textField(body, 'ownerId') || user.user.id,
      scopes: listField(body, 'scopes'),
      expiresOn: textField(body, 'expiresOn').trim(),
    };
    try {
      if (form.expiresOn && !DATE.test(form.expiresOn)) throw ApiError.unprocessable('Expiry must be a date');
      if (form.scopes.length === 0) throw ApiError.unprocessable('Choose at least one scope');
      const created = await this.apiKeys.create(await this.tenants.current(), {
        name: form.name,
        owner: form.ownerId,
        scopes: form.scopes,
        expiresAt: form.expiresOn ? new Date(`${form.expiresOn}T23:59:59.999Z`) : undefined,
        createdBy: user.user.id,
      });
      void reply.status(HttpStatus.CREATED);
      return createdKeyPage(user, 'API key created', created, null);
    } catch (error) {
      if (!(error instanceof ApiError) || error.getStatus() >= 500) throw error;
      void reply.status(HttpStatus.UNPROCESSABLE_ENTITY);
      return this.keyForm(user, form, error.message);
    }
  }

  @Get(':id/revoke')
  @Header('Content-Type', HTML)
  async confirmRevoke(@SignedIn() user: DashboardUser, @Param('id') id: string): Promise<string> {
    return revokeConfirmPage(user, await this.activeKey(user, id));
  }

  @Post(':id/revoke')
  async revoke(
    @SignedIn() user: DashboardUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    await this.apiKeys.revoke(id, await this.tenants.current());
    void reply.status(HttpStatus.SEE_OTHER).header('Location', `${KEYS_PATH}?done=revoked`);
    return '';
  }

  @Get(':id/rotate')
  @Header('Content-Type', HTML)
  async rotateForm(@SignedIn() user: DashboardUser, @Param('id') id: string): Promise<string> {
    return rotateFormPage(user, await this.activeKey(user, id));
  }

  @Post(':id/rotate')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async rotate(@SignedIn() user: DashboardUser, @Param('id') id: string, @Body() body: FormFields): Promise<string> {
    const graceHours = Number(textField(body, 'graceHours') || 0);
    if (!(GRACE_PERIODS_HOURS as readonly number[]).includes(graceHours)) {
      throw ApiError.unprocessable('Choose one of the offered grace periods');
    }
    const { replaces, ...created } = await this.apiKeys.rotate(id, graceHours, await this.tenants.current());
    const old =
      replaces.status === 'revoked'
        ? `The old key ${replaces.prefix}… was deactivated.`
        : `The old key ${replaces.prefix}… keeps working until ${replaces.expiresAt?.slice(0, 16).replace('T', ' ')} UTC.`;
    return createdKeyPage(user, 'API key rotated', created, old);
  }

  private async keyForm(user: DashboardUser, form: NewKeyForm, error: string | null): Promise<string> {
    const owners = await this.users.listEnabled(await this.tenants.current());
    return newKeyPage(user, owners, form, error);
  }

  /** One of this council's keys, still active; any other id (another council's included) is a 404. */
  private async activeKey(user: DashboardUser, id: string): Promise<ApiKeyListItem> {
    const key = (await this.apiKeys.list(await this.tenants.current())).find((item) => item.id === id);
    if (!key) throw new NotFoundException('There is no such API key in your council.');
    if (key.status !== 'active') throw ApiError.unprocessable(`The key ${key.prefix}… is ${key.status} already.`);
    return key;
  }
}
