import type { Principal } from '@wardline/auth';
import { ApiError } from '@wardline/common';
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

/**
 * The same rule as a set of assignees, for counts kept per assignee: those `asked` for (absent:
 * anyone's cases, unassigned included), narrowed to the viewer for a caseworker.
 */
export function visibleAssignees(
  asked: readonly string[] | undefined,
  viewer: CaseViewer,
): readonly string[] | undefined {
  if (viewer.role !== 'caseworker') return asked;
  if (!asked) return [viewer.userId];
  return asked.some((id) => id.toLowerCase() === viewer.userId.toLowerCase()) ? [viewer.userId] : [];
}

/**
 * The caseworker rule applied to a new case: a caseworker's key may only create cases it will
 * see, i.e. assigned to its owner. Anything else is refused (422) rather than made and lost
 * from view.
 */
export function requireVisibleToCreator(viewer: CaseViewer, assigneeId: string | null | undefined): void {
  if (viewer.role !== 'caseworker' || assigneeId === viewer.userId) return;
  throw ApiError.unprocessable("A caseworker's key can only create cases assigned to its owner", {
    fields: {
      assigneeId: [
        `a caseworker's key sees only the cases assigned to its owner: leave assigneeId out or set it to ${viewer.userId}`,
      ],
    },
  });
}
