import { Global, Module } from '@nestjs/common';
import { HeavyWorkGuard } from './heavy-work';
import { HeavyWorkLimiter } from './heavy-work.limiter';

@Global()
@Module({ providers: [HeavyWorkLimiter, HeavyWorkGuard], exports: [HeavyWorkLimiter, HeavyWorkGuard] })
export class HeavyWorkModule {}
