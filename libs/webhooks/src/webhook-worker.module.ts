import { type DynamicModule, Module } from '@nestjs/common';
import { WebhookDelivery, WebhookEndpoint } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { DeliveryAttempt } from './delivery-attempt';
import { WebhookSender } from './webhook-sender';
import { WebhookUrlPolicy } from './webhook-url-policy';
import { WebhookWorker } from './webhook-worker';
import {
  DEFAULT_WEBHOOK_WORKER_OPTIONS,
  WEBHOOK_WORKER_OPTIONS,
  type WebhookWorkerOptions,
} from './webhook-worker.options';

/** Webhook delivery, on top of the core module: in `apps/worker`, or inside the embedded API. */
@Module({})
export class WebhookWorkerModule {
  static forRoot(options: Partial<WebhookWorkerOptions> = {}): DynamicModule {
    return {
      module: WebhookWorkerModule,
      imports: [TenantRepositoryModule.forFeature([WebhookEndpoint, WebhookDelivery])],
      providers: [
        { provide: WEBHOOK_WORKER_OPTIONS, useValue: { ...DEFAULT_WEBHOOK_WORKER_OPTIONS, ...options } },
        WebhookUrlPolicy,
        WebhookSender,
        DeliveryAttempt,
        WebhookWorker,
      ],
      exports: [WebhookWorker],
    };
  }
}
