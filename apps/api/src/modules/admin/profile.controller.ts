import { Body, Controller, Get, Header, HttpStatus, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ApiKeysService, type ProfileFields, TenantsService, UserAccountsService } from '@wardline/accounts';
import { Public } from '@wardline/auth';
import { ApiError } from '@wardline/common';
import type { FastifyReply } from 'fastify';
import { AdminPageFilter } from './admin-page.filter';
import { PROFILE_PATH } from './admin-paths';
import type { DashboardUser } from './dashboard-sessions';
import { DashboardGuard, SignedIn } from './dashboard.guard';
import { type FormFields, textField } from './form-body';
import { profilePage } from './pages/profile.page';

const HTML = 'text/html; charset=utf-8';

/** Every signed-in user: their public profile and the keys they own. */
@ApiExcludeController()
@Public()
@UseGuards(DashboardGuard)
@UseFilters(AdminPageFilter)
@Controller(PROFILE_PATH)
export class ProfileController {
  constructor(
    private readonly users: UserAccountsService,
    private readonly apiKeys: ApiKeysService,
    private readonly tenants: TenantsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async show(@SignedIn() user: DashboardUser, @Query('done') done?: string): Promise<string> {
    const me = await this.users.requireInTenant(await this.tenants.current(), user.user.id);
    return this.render(
      user,
      { name: me.name, party: me.party, publicEmail: me.publicEmail, bio: me.bio },
      done === 'saved',
      null,
    );
  }

  @Post()
  @Header('Content-Type', HTML)
  async save(
    @SignedIn() user: DashboardUser,
    @Body() body: FormFields,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const fields: ProfileFields = {
      name: textField(body, 'name'),
      party: textField(body, 'party'),
      publicEmail: textField(body, 'publicEmail'),
      bio: textField(body, 'bio'),
    };
    try {
      await this.users.updateProfile(await this.tenants.current(), user.user.id, fields);
    } catch (error) {
      if (!(error instanceof ApiError) || error.getStatus() >= 500) throw error;
      void reply.status(HttpStatus.UNPROCESSABLE_ENTITY);
      return this.render(user, fields, false, error.message);
    }
    void reply.status(HttpStatus.SEE_OTHER).header('Location', `${PROFILE_PATH}?done=saved`);
    return '';
  }

  private async render(user: DashboardUser, profile: ProfileFields, saved: boolean, error: string | null) {
    const keys = (await this.apiKeys.list(await this.tenants.current())).filter((key) => key.owner.id === user.user.id);
    return profilePage(user, profile, keys, saved, error);
  }
}
