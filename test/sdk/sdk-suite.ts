import { randomBytes } from 'node:crypto';
import type { WardlineClient } from '@wardline/sdk';
import type { Fixtures, KeyedUser } from '../support/fixtures';
import { sdkClient } from '../support/sdk';
import { useApiSuite } from '../support/suite';

/** What an SDK scenario works with: a council admin's spec-checked client, and the fixtures. */
export interface SdkContext {
  baseUrl: string;
  fixtures: Fixtures;
  admin: KeyedUser;
  /** The SDK with the admin's key. */
  api: WardlineClient;
  /** The SDK with no key (public routes). */
  anonymous: WardlineClient;
}

export type Scenario = (context: SdkContext) => Promise<void>;
export type Scenarios = Record<string, Scenario>;

/** Webhook endpoints on loopback are allowed by configuration, as in development. */
const ENV = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };

/** The real server, a council admin with every scope and SDK clients, for one spec file. */
export function useSdkSuite(): SdkContext {
  const suite = useApiSuite(ENV);
  const context = {} as SdkContext;
  beforeAll(async () => {
    context.baseUrl = suite.app.baseUrl;
    context.fixtures = suite.fixtures;
    context.admin = await suite.fixtures.keyedUser('council', 'admin');
    context.api = sdkClient(suite.app.baseUrl, context.admin.key);
    context.anonymous = sdkClient(suite.app.baseUrl);
  });
  return context;
}

/** The scenarios this file has started: fewer than it declared when a run is filtered (`-t`). */
export const started = new Set<Scenario>();

/** One `it` per scenario. */
export function runScenarios(context: SdkContext, scenarios: Scenarios): void {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(name, () => {
      started.add(scenario);
      return scenario(context);
    });
  }
}

export const unique = (label: string) => `${label} ${randomBytes(3).toString('hex')}`;

/** A moment `days` from now, as the API takes it. */
export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** An export answers `string | Row[]` by its media type: the rows of a `format=json` export. */
export function jsonRows<Row>(body: string | Row[]): Row[] {
  if (typeof body === 'string') throw new Error('expected the JSON export, got text');
  return body;
}
