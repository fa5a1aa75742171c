import { Module } from '@nestjs/common';
import { DemoCaseSeeder } from './demo-case-seeder';
import { DemoSeeder } from './demo-seeder';
import { RetentionModule } from './retention.module';

/** Operator-only work beside the account services: the demo council and its cases, retention. */
@Module({ imports: [RetentionModule], providers: [DemoSeeder, DemoCaseSeeder], exports: [DemoSeeder, RetentionModule] })
export class OperationsModule {}
