import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hashPassword, verifyPassword } from '@wardline/accounts';
import { DashboardSession, type Plan, type Role, type TenantStatus } from '@wardline/database';
import { ChangeRecorder } from '@wardline/changes';
import { type Actor, ActorContext, type RequestOrigin, TenantTransaction } from '@wardline/tenancy';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 3_600_000;
/** `last_seen_at` is moved at most this often, so browsing is not a write per page. */
const TOUCH_EVERY_MS = 60_000;

/** A signed-in dashboard user, as every page sees them. */
export interface DashboardUser {
  sessionId: string;
  csrfToken: string;
  tenant: { id: string; name: string; slug: string; plan: Plan };
  user: { id: string; name: string; email: string; role: Role };
}

export type SignInOutcome =
  | { ok: true; token: string; tenantId: string; userId: string }
  | { ok: false; reason: 'credentials' | 'disabled' | 'suspended' };

interface CandidateRow {
  user_id: string;
  user_name: string;
  tenant_id: string;
  password_hash: string;
  user_enabled: boolean;
  tenant_status: TenantStatus;
}

interface SessionRow {
  session_id: string;
  session_last_seen_at: Date;
  session_expires_at: Date;
  tenant_id: string;
  tenant_name: string;
  tenant_slug: string;
  tenant_plan: Plan;
  tenant_status: TenantStatus;
  user_id: string;
  user_name: string;
  user_email: string;
  user_role: Role;
  user_enabled: boolean;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest();

/** The CSRF token of a session: derived from its secret token, so it needs no storage of its own. */
export const csrfTokenOf = (sessionToken: string): string =>
  createHmac('sha256', sessionToken).update('wardline.csrf').digest('base64url');

export function sameToken(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/**
 * Server-side dashboard sessions: the cookie carries a random token, the table its SHA-256.
 * A session ends when idle for 30 minutes, 12 hours after sign-in, at sign-out, and as soon as
 * its user is disabled or its council suspended.
 */
@Injectable()
export class DashboardSessions {
  /** Verified against when no account matches, so an unknown email costs as long as a wrong password. */
  private readonly decoyHash = hashPassword(newSecretToken());

  constructor(
    private readonly transaction: TenantTransaction,
    private readonly actors: ActorContext,
    private readonly recorder: ChangeRecorder,
  ) {}

  async signIn(email: string, password: string, origin: RequestOrigin): Promise<SignInOutcome> {
    const candidates = (await this.transaction.dataSource.query('SELECT * FROM wardline_sign_in_candidates($1)', [
      email.trim(),
    ])) as CandidateRow[];
    if (candidates.length === 0) {
      await verifyPassword(await this.decoyHash, password);
      return { ok: false, reason: 'credentials' };
    }
    for (const candidate of candidates) {
      if (!(await verifyPassword(candidate.password_hash, password))) continue;
      if (!candidate.user_enabled) return { ok: false, reason: 'disabled' };
      if (candidate.tenant_status !== 'active') return { ok: false, reason: 'suspended' };
      this.actors.enter(userActor({ id: candidate.user_id, name: candidate.user_name }), origin);
      const token = await this.start(candidate.tenant_id, candidate.user_id);
      return { ok: true, token, tenantId: candidate.tenant_id, userId: candidate.user_id };
    }
    return { ok: false, reason: 'credentials' };
  }

  /** The signed-in user behind a cookie's token, or `null` (and the session ended) when it may not go on. */
  async resolve(token: string, now = new Date()): Promise<DashboardUser | null> {
    const [row] = (await this.transaction.dataSource.query('SELECT * FROM wardline_dashboard_session($1)', [
      sha256(token),
    ])) as SessionRow[];
    if (!row) return null;
    const idle = now.getTime() - row.session_last_seen_at.getTime() > IDLE_TIMEOUT_MS;
    const over = now.getTime() >= row.session_expires_at.getTime();
    if (idle || over || !row.user_enabled || row.tenant_status !== 'active') {
      await this.delete(row.tenant_id, row.session_id);
      return null;
    }
    if (now.getTime() - row.session_last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.transaction.runFor(row.tenant_id, () =>
        this.sessions.update({ id: row.session_id, tenantId: row.tenant_id }, { lastSeenAt: now }),
      );
    }
    return {
      sessionId: row.session_id,
      csrfToken: csrfTokenOf(token),
      tenant: { id: row.tenant_id, name: row.tenant_name, slug: row.tenant_slug, plan: row.tenant_plan },
      user: { id: row.user_id, name: row.user_name, email: row.user_email, role: row.user_role },
    };
  }

  /** Signs the current session's user out (inside the request's tenant transaction). */
  async signOut(signedIn: DashboardUser): Promise<void> {
    await this.transaction.runFor(signedIn.tenant.id, async () => {
      await this.delete(signedIn.tenant.id, signedIn.sessionId);
      await this.recorder.record({ action: 'user.signed_out', resourceType: 'user', resourceId: signedIn.user.id });
    });
  }

  /** Ends the session behind a token, if there is one: a browser signing in again gets a new one. */
  async end(token: string): Promise<void> {
    const [row] = (await this.transaction.dataSource.query('SELECT * FROM wardline_dashboard_session($1)', [
      sha256(token),
    ])) as SessionRow[];
    if (row) await this.delete(row.tenant_id, row.session_id);
  }

  private async start(tenantId: string, userId: string): Promise<string> {
    const token = newSecretToken();
    const now = new Date();
    await this.transaction.runFor(tenantId, async () => {
      await this.sessions.insert({
        tenantId,
        userId,
        tokenHash: sha256(token),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
      });
      await this.recorder.record({ action: 'user.signed_in', resourceType: 'user', resourceId: userId });
    });
    return token;
  }

  private delete(tenantId: string, sessionId: string): Promise<unknown> {
    return this.transaction.runFor(tenantId, () => this.sessions.delete({ id: sessionId, tenantId }));
  }

  private get sessions() {
    return this.transaction.manager.getRepository(DashboardSession);
  }
}

/** A dashboard user as the actor of what they change. */
export const userActor = (user: { id: string; name: string }): Actor => ({
  type: 'user',
  id: user.id,
  name: user.name,
  prefix: null,
  ownerId: null,
  ownerName: null,
});
