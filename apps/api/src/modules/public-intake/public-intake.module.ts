import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PublicFormRateLimitGuard } from './public-form-rate-limit.guard';
import { PublicIntakeController } from './public-intake.controller';
import { PublicIntakeService } from './public-intake.service';

@Module({
  imports: [CasesModule],
  controllers: [PublicIntakeController],
  providers: [PublicIntakeService, PublicFormRateLimitGuard],
})
export class PublicIntakeModule {}
