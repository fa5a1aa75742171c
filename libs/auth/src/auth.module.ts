import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyVerifier } from './api-key-verifier';
import { AuthChangeListener } from './auth-change-listener';
import { LastUsedRecorder } from './last-used-recorder';
import { PrincipalContext } from './principal';
import { RateLimits } from './rate-limit/rate-limits';
import { RetiredKeyRecorder } from './retired-key-recorder';

@Global()
@Module({
  providers: [
    AuthChangeListener,
    ApiKeyVerifier,
    LastUsedRecorder,
    PrincipalContext,
    RetiredKeyRecorder,
    RateLimits,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [PrincipalContext, LastUsedRecorder],
})
export class AuthModule {}
