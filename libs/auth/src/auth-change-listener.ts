import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DATABASE_ENDPOINT, type DatabaseEndpoint } from '@wardline/database';
import { Client } from 'pg';

export const AUTH_CHANGED_CHANNEL = 'wardline_auth_changed';

type Listener = (tenantId: string | undefined) => void;

/**
 * Listens for the database's auth-change notifications (key revoked, owner disabled, plan
 * or status changed: triggers fire them from any process), so every instance forgets what it
 * cached for that tenant at once. `undefined` means "forget everything" (after a reconnect).
 */
@Injectable()
export class AuthChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuthChangeListener.name);
  private readonly listeners: Listener[] = [];
  private client: Client | undefined;
  private stopping = false;
  private retryTimer: NodeJS.Timeout | undefined;
  connected = false;

  constructor(@Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint) {}

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }

  private emit(tenantId: string | undefined): void {
    for (const listener of this.listeners) listener(tenantId);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.endpoint.appUrl, application_name: 'wardline-auth-listener' });
    client.on('notification', (message) => this.emit(message.payload || undefined));
    client.on('error', () => this.disconnected(client));
    client.on('end', () => this.disconnected(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANGED_CHANNEL}`);
      // Shut down while this was connecting: shutdown could not end it, so it must end here.
      if (this.stopping) return void (await client.end());
      this.client = client;
      this.connected = true;
      this.emit(undefined);
    } catch (error) {
      this.logger.warn(`auth-change listener could not connect: ${(error as Error).message}`);
      this.disconnected(client);
    }
  }

  private disconnected(client: Client): void {
    if (this.client && this.client !== client) return;
    this.connected = false;
    this.client = undefined;
    this.emit(undefined);
    client.end().catch(() => undefined);
    if (!this.stopping) {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.connect(), 1000);
      this.retryTimer.unref();
    }
  }
}
