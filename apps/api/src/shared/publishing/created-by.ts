import { ApiProperty } from '@nestjs/swagger';
import type { User } from '@wardline/database';
import type { TenantRepository } from '@wardline/tenancy';

export class CreatedByResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Cllr Priya Shah' }) name!: string;
}

/** The authors of `rows`, by user id, read in one query. */
export async function authorsOf(
  users: TenantRepository<User>,
  rows: readonly { createdById: string }[],
): Promise<Map<string, CreatedByResponse>> {
  const ids = [...new Set(rows.map((row) => row.createdById))];
  if (ids.length === 0) return new Map();
  const found = await users.query('user').andWhere('user.id IN (:...ids)', { ids }).getMany();
  return new Map(found.map((user) => [user.id, { id: user.id, name: user.name }]));
}

/** The author of a row, even if the lookup somehow missed them (a foreign key says they exist). */
export const authorIn = (authors: Map<string, CreatedByResponse>, id: string): CreatedByResponse =>
  authors.get(id) ?? { id, name: '' };
