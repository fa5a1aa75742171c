import { Injectable } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';

/** Failed sign-ins allowed per account (by the email typed) and per client IP in the window. */
export const FAILURES_PER_ACCOUNT = 5;
export const FAILURES_PER_IP = 20;
export const FAILURE_WINDOW_SECONDS = 15 * 60;

/**
 * Failed sign-ins, counted per account and per client IP. An unknown email is counted like a
 * known one, so the limit tells nothing about which accounts exist.
 */
@Injectable()
export class SignInLimits {
  private readonly perAccount = new RateLimiterMemory({
    points: FAILURES_PER_ACCOUNT,
    duration: FAILURE_WINDOW_SECONDS,
  });
  private readonly perIp = new RateLimiterMemory({ points: FAILURES_PER_IP, duration: FAILURE_WINDOW_SECONDS });

  /** Seconds until this account and IP may try again; 0 when they may now. */
  async waitSeconds(email: string, ip: string): Promise<number> {
    const [account, client] = await Promise.all([this.perAccount.get(accountKey(email)), this.perIp.get(ip)]);
    const waits = [
      account && account.consumedPoints >= FAILURES_PER_ACCOUNT ? account.msBeforeNext : 0,
      client && client.consumedPoints >= FAILURES_PER_IP ? client.msBeforeNext : 0,
    ];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  async failed(email: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.penalty(accountKey(email)), this.perIp.penalty(ip)]);
  }

  /** A right password clears the account's count (not the IP's: one good account does not unlock guessing). */
  async succeeded(email: string): Promise<void> {
    await this.perAccount.delete(accountKey(email));
  }
}

const accountKey = (email: string) => email.trim().toLowerCase();
