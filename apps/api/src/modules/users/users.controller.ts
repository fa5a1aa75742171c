import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@wardline/auth';
import { ApiErrorResponses, type Versioned } from '@wardline/common';
import { ListUsersQuery } from './dto/list-users.query';
import { UserListResponse, UserResponse } from './user.response';
import { UsersService } from './users.service';

@ApiTags('Users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequireScope('users:read')
  @ApiOperation({
    summary: 'List users and councillors',
    description: 'Filters: `role`, `enabled`. Sort: `name` (default), `createdAt`; prefix `-` to reverse.',
  })
  @ApiOkResponse({ type: UserListResponse })
  @ApiErrorResponses(400)
  async list(@Query() query: ListUsersQuery): Promise<UserListResponse> {
    const page = await this.users.list(query);
    return { users: page.items, pagination: page.pagination };
  }

  @Get(':id')
  @RequireScope('users:read')
  @ApiOperation({ summary: 'Get a user or councillor' })
  @ApiOkResponse({ type: UserResponse, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiErrorResponses(404)
  get(@Param('id') id: string): Promise<Versioned<UserResponse>> {
    return this.users.get(id);
  }
}
