import { Body, Controller, Get, Header, HttpStatus, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@wardline/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearedCookieHeader, cookieHeader, cookiesOf, SESSION_COOKIE, SIGN_IN_CSRF_COOKIE } from './admin-cookies';
import { AdminPageFilter } from './admin-page.filter';
import { ADMIN_PATH, KEYS_PATH, PROFILE_PATH, SIGN_IN_PATH } from './admin-paths';
import {
  ABSOLUTE_TIMEOUT_MS,
  type DashboardUser,
  DashboardSessions,
  newSecretToken,
  sameToken,
} from './dashboard-sessions';
import { CSRF_FIELD, DashboardGuard, originOf, SignedIn } from './dashboard.guard';
import { type FormFields, textField } from './form-body';
import { errorPage } from './pages/error.page';
import { signInPage } from './pages/sign-in.page';
import { SignInLimits } from './sign-in-limits';

const HTML = 'text/html; charset=utf-8';
/** One message for an unknown email and a wrong password: no list of accounts to be had. */
export const WRONG_CREDENTIALS = 'The email address or password is not right.';
const REFUSALS = {
  credentials: WRONG_CREDENTIALS,
  disabled: 'This account is disabled. Ask an admin of your council.',
  suspended: "Your council's account is suspended. Contact Wardline support.",
} as const;

/** Sign-in and sign-out: a fresh session (and cookie) at every sign-in, ended at sign-out. */
@ApiExcludeController()
@Public()
@UseFilters(AdminPageFilter)
@Controller(ADMIN_PATH)
export class SignInController {
  constructor(
    private readonly sessions: DashboardSessions,
    private readonly limits: SignInLimits,
  ) {}

  @Get()
  @UseGuards(DashboardGuard)
  home(@SignedIn() signedIn: DashboardUser, @Res({ passthrough: true }) reply: FastifyReply): string {
    void reply
      .status(HttpStatus.SEE_OTHER)
      .header('Location', signedIn.user.role === 'admin' ? KEYS_PATH : PROFILE_PATH);
    return '';
  }

  @Get('sign-in')
  @Header('Content-Type', HTML)
  form(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    return signInPage(this.signInCsrf(request, reply));
  }

  @Post('sign-in')
  @Header('Content-Type', HTML)
  async signIn(
    @Body() form: FormFields,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const cookies = cookiesOf(request);
    const expected = cookies.get(SIGN_IN_CSRF_COOKIE);
    if (!expected || !sameToken(expected, textField(form, CSRF_FIELD))) {
      void reply.status(HttpStatus.FORBIDDEN);
      return errorPage(403, 'This form has expired or did not come from this site. Reload the page and try again.');
    }
    const email = textField(form, 'email').trim().slice(0, 320);
    const password = textField(form, 'password');
    const wait = await this.limits.waitSeconds(email, request.ip);
    if (wait > 0) {
      void reply.status(HttpStatus.TOO_MANY_REQUESTS).header('Retry-After', String(wait));
      return errorPage(429, `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minutes.`);
    }
    const outcome = await this.sessions.signIn(email, password, originOf(request));
    if (!outcome.ok) {
      if (outcome.reason === 'credentials') await this.limits.failed(email, request.ip);
      void reply.status(HttpStatus.UNAUTHORIZED);
      return signInPage(expected, email, REFUSALS[outcome.reason]);
    }
    await this.limits.succeeded(email);
    const previous = cookies.get(SESSION_COOKIE);
    if (previous) await this.sessions.end(previous);
    void reply
      .status(HttpStatus.SEE_OTHER)
      .header('Location', ADMIN_PATH)
      .header('Set-Cookie', [
        cookieHeader(request, SESSION_COOKIE, outcome.token, ABSOLUTE_TIMEOUT_MS / 1000),
        clearedCookieHeader(request, SIGN_IN_CSRF_COOKIE),
      ]);
    return '';
  }

  @Post('sign-out')
  @UseGuards(DashboardGuard)
  async signOut(
    @SignedIn() signedIn: DashboardUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    await this.sessions.signOut(signedIn);
    void reply
      .status(HttpStatus.SEE_OTHER)
      .header('Location', SIGN_IN_PATH)
      .header('Set-Cookie', clearedCookieHeader(request, SESSION_COOKIE));
    return '';
  }

  /** The sign-in form's CSRF token: a double-submit cookie, as there is no session yet. */
  private signInCsrf(request: FastifyRequest, reply: FastifyReply): string {
    const existing = cookiesOf(request).get(SIGN_IN_CSRF_COOKIE);
    if (existing && /^[\w-]{43}$/.test(existing)) return existing;
    const token = newSecretToken();
    void reply.header('Set-Cookie', cookieHeader(request, SIGN_IN_CSRF_COOKIE, token));
    return token;
  }
}
