import { lookup } from 'node:dns/promises';
import type { Agent } from 'node:http';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@wardline/common';
import ipaddr from 'ipaddr.js';

const REFUSED_BY_AGENT = /is not allowed/;
/** The filtering agent ships as an ES module only: loaded once, on first use. */
const filteringAgents = import('request-filtering-agent');

/** Why a delivery was not even attempted: the URL or an address it resolved to is forbidden. */
export class UrlRefusedError extends Error {}

/** Is `error` the filtering agent refusing an address at connect time? */
export const isRefusedAddress = (error: unknown): boolean =>
  error instanceof Error && REFUSED_BY_AGENT.test(error.message);

/**
 * Where webhooks may go: https only (http by `WEBHOOK_ALLOW_HTTP`), and only to public unicast
 * addresses unless the host or address is on `WEBHOOK_ALLOWED_HOSTS`. Checked when an endpoint
 * is saved, and again when each delivery connects (the filtering agent validates every address
 * the lookup returns, so a DNS answer that changes after the save cannot reach a private one).
 */
@Injectable()
export class WebhookUrlPolicy {
  private readonly allowedHostnames: ReadonlySet<string>;
  private readonly allowedAddresses: readonly string[];
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly config: AppConfig) {
    const entries = config.webhookAllowedHosts.map((entry) => entry.toLowerCase());
    this.allowedHostnames = new Set(entries.filter((entry) => !isAddress(entry)));
    this.allowedAddresses = entries.filter(isAddress);
  }

  /** The reason `url` may not be used, or `null`; resolves the host as a receiver would. */
  async problemWith(url: string): Promise<string | null> {
    let parsed: URL;
    try {
      parsed = this.parse(url);
    } catch (error) {
      return (error as Error).message;
    }
    const host = hostOf(parsed);
    if (this.allowedHostnames.has(host)) return null;
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return `The host ${host} does not resolve`;
    }
    const forbidden = addresses.find((address) => !this.addressAllowed(address));
    return forbidden ? `The host ${host} resolves to ${forbidden}, which is not a public address` : null;
  }

  /** The URL, checked for scheme and form; throws `UrlRefusedError` with the reason. */
  parse(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UrlRefusedError('The URL is not valid');
    }
    const allowed = this.config.webhookAllowHttp ? ['https:', 'http:'] : ['https:'];
    if (!allowed.includes(parsed.protocol)) {
      throw new UrlRefusedError(
        this.config.webhookAllowHttp ? 'The URL must use https or http' : 'The URL must use https',
      );
    }
    if (parsed.username || parsed.password) throw new UrlRefusedError('The URL must not contain credentials');
    return parsed;
  }

  /** The agent that refuses forbidden addresses when it connects (one per kind, kept alive). */
  async agentFor(url: URL): Promise<Agent> {
    const exempt = this.allowedHostnames.has(hostOf(url));
    const key = `${url.protocol}${exempt ? 'exempt' : ''}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const options = {
        keepAlive: true,
        allowPrivateIPAddress: exempt,
        allowIPAddressList: [...this.allowedAddresses],
      };
      const { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } = await filteringAgents;
      agent =
        url.protocol === 'https:' ? new RequestFilteringHttpsAgent(options) : new RequestFilteringHttpAgent(options);
      this.agents.set(key, agent);
    }
    return agent;
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private addressAllowed(address: string): boolean {
    const parsed = ipaddr.parse(address);
    const listed = this.allowedAddresses.some((entry) => {
      if (!entry.includes('/')) return entry === address;
      try {
        return parsed.match(ipaddr.parseCIDR(entry));
      } catch {
        return false; // a CIDR of the other address family
      }
    });
    return listed || parsed.range() === 'unicast';
  }
}

const isAddress = (entry: string): boolean => isIP(entry) !== 0 || entry.includes('/');

const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
