import { Module } from '@nestjs/common';
import { PublicEvent, User, Ward } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({
  imports: [TenantRepositoryModule.forFeature([PublicEvent, User, Ward])],
  controllers: [EventsController],
  providers: [EventsService],
})
export class EventsModule {}
