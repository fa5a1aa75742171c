import type { Principal } from '@wardline/auth';
import type { Role } from '@wardline/database';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Who is looking at cases: enough to apply the caseworker rule. */
export interface CaseViewer {
  userId: string;
  role: Role;
}

export const viewerOf = ({ owner }: Principal): CaseViewer => ({ userId: owner.id, role: owner.role });

/**
 * The one place the caseworker rule lives: a key owned by a caseworker sees only cases
 * assigned to that caseworker, in every list, read, update, note, export and report.
 */
export function restrictToVisibleCases<Q extends SelectQueryBuilder<ObjectLiteral>>(
  query: Q,
  alias: string,
  viewer: CaseViewer,
): Q {
  if (viewer.role === 'caseworker') {
    query.andWhere(`${alias}.assigneeId = :viewerUserId`, { viewerUserId: viewer.userId });
  }
  return query;
}
