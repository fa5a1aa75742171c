import { Module } from '@nestjs/common';
import { NewsItem, User, Ward } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { NewsController } from './news.controller';
import { NewsService } from './news.service';

@Module({
  imports: [TenantRepositoryModule.forFeature([NewsItem, User, Ward])],
  controllers: [NewsController],
  providers: [NewsService],
})
export class NewsModule {}
