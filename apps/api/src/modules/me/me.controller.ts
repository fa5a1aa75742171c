import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyApiKey, CurrentPrincipal, effectiveScopes, type Principal } from '@wardline/auth';
import { WithoutRequestTransaction } from '@wardline/tenancy';
import { MeResponse } from './me.response';

@ApiTags('Me')
@Controller('api/me')
export class MeController {
  @Get()
  @AnyApiKey()
  // Answers from the verified key alone: no query, so no transaction around it.
  @WithoutRequestTransaction()
  @ApiOperation({ summary: 'What this key is and what it can do' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentPrincipal() { tenant, key, owner }: Principal): MeResponse {
    return {
      tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug, plan: tenant.plan },
      key: {
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        scopes: key.scopes,
        expiresAt: key.expiresAt?.toISOString() ?? null,
        createdAt: key.createdAt.toISOString(),
      },
      user: { id: owner.id, name: owner.name, role: owner.role },
      effectiveScopes: effectiveScopes(key.scopes, tenant.plan, owner.role),
    };
  }
}
