import { Module } from '@nestjs/common';
import { Category } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { CategoriesController } from './categories.controller';
import { CategoriesService } from './categories.service';

@Module({
  imports: [TenantRepositoryModule.forFeature([Category])],
  controllers: [CategoriesController],
  providers: [CategoriesService],
})
export class CategoriesModule {}
