import { Module } from '@nestjs/common';
import { WebhookDelivery, WebhookEndpoint } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { WebhookUrlPolicy } from '@wardline/webhooks';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [TenantRepositoryModule.forFeature([WebhookEndpoint, WebhookDelivery])],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookUrlPolicy],
  // The dashboard's Admin → Webhooks pages manage endpoints through the same service.
  exports: [WebhooksService],
})
export class WebhooksModule {}
