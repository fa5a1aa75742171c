import { Module } from '@nestjs/common';
import { AdminAssetsController } from './admin-assets.controller';
import { ApiKeysPagesController } from './api-keys-pages.controller';
import { DashboardGuard } from './dashboard.guard';
import { DashboardSessions } from './dashboard-sessions';
import { ProfileController } from './profile.controller';
import { SignInController } from './sign-in.controller';
import { SignInLimits } from './sign-in-limits';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { WebhooksPagesController } from './webhooks-pages.controller';

/** The dashboard under `/admin`: server-rendered pages over the account services. */
@Module({
  imports: [WebhooksModule],
  controllers: [
    SignInController,
    ApiKeysPagesController,
    WebhooksPagesController,
    ProfileController,
    AdminAssetsController,
  ],
  providers: [DashboardSessions, SignInLimits, DashboardGuard],
})
export class AdminModule {}
