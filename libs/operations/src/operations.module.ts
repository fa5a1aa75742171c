import { Module } from '@nestjs/common';
import { DemoCaseSeeder } from './demo-case-seeder';
import { DemoSeeder } from './demo-seeder';

/** Operator-only work beside the account services: the demo council and its cases. */
@Module({ providers: [DemoSeeder, DemoCaseSeeder], exports: [DemoSeeder] })
export class OperationsModule {}
