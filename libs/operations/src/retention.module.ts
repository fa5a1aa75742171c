import { Module } from '@nestjs/common';
import { RetentionService } from './retention.service';

/** Retention on its own, for the operator CLI and the worker alike. */
@Module({ providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule {}
