import { Module } from '@nestjs/common';
import { User } from '@wardline/database';
import { TenantRepositoryModule } from '@wardline/tenancy';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TenantRepositoryModule.forFeature([User])],
  controllers: [UsersController],
  providers: [UsersService],
})
export class UsersModule {}
