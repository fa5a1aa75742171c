import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ActorContext, TenantContext } from '@wardline/tenancy';
import type { FastifyRequest } from 'fastify';
import { cookiesOf, SESSION_COOKIE } from './admin-cookies';
import { type DashboardUser, DashboardSessions, sameToken, userActor } from './dashboard-sessions';
import { type FormFields, textField } from './form-body';

/** No session (or an ended one): the page filter sends the browser to sign in. */
export class SignInRequired extends HttpException {
  constructor() {
    super('Sign in to continue', HttpStatus.UNAUTHORIZED);
  }
}

export const CSRF_FIELD = '_csrf';
const ADMIN_ONLY = 'wardline.dashboard.adminOnly';
/** Pages for a council's admins only; everyone else gets the 403 page. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

type DashboardRequest = FastifyRequest & { dashboardUser?: DashboardUser };

/** `@SignedIn() user: DashboardUser` in a dashboard controller. */
export const SignedIn = createParamDecorator((_data: unknown, context: ExecutionContext): DashboardUser => {
  const user = context.switchToHttp().getRequest<DashboardRequest>().dashboardUser;
  if (!user) throw new SignInRequired();
  return user;
});

/**
 * The dashboard's session check: a live session, the CSRF token on every state-changing
 * request, the admin role where a page asks for it. Binds the request to the session's tenant
 * and user, so every change is recorded with the user as its actor.
 */
@Injectable()
export class DashboardGuard implements CanActivate {
  constructor(
    private readonly sessions: DashboardSessions,
    private readonly reflector: Reflector,
    private readonly tenant: TenantContext,
    private readonly actors: ActorContext,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<DashboardRequest>();
    const token = cookiesOf(request).get(SESSION_COOKIE);
    const signedIn = token ? await this.sessions.resolve(token) : null;
    if (!signedIn) throw new SignInRequired();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const presented = textField(request.body as FormFields | undefined, CSRF_FIELD);
      if (!sameToken(signedIn.csrfToken, presented)) {
        throw new ForbiddenException(
          'This form has expired or did not come from this site. Reload the page and try again.',
        );
      }
    }
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [context.getHandler(), context.getClass()]);
    if (adminOnly && signedIn.user.role !== 'admin') {
      throw new ForbiddenException('Only an admin of your council can use this page.');
    }
    request.dashboardUser = signedIn;
    this.tenant.enter(signedIn.tenant.id);
    this.actors.enter(userActor(signedIn.user), originOf(request));
    return true;
  }
}

export const originOf = (request: FastifyRequest) => ({
  requestId: request.id,
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
});
