import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@wardline/common';
import { allowedMovesFrom, canMove, milestonesAfterMove } from '@wardline/casework';
import type { Case } from '@wardline/database';
import type { UpdateCaseDto } from './dto/update-case.dto';

/** Fields whose changes are recorded together as one `updated` timeline entry. */
const TRACKED_FIELDS = [
  'summary',
  'description',
  'priority',
  'sourceChannel',
  'internalRef',
  'residentName',
  'residentEmail',
  'residentPhone',
  'residentAddress',
  'residentPostcode',
  'highlightedForPublic',
  'publicSummary',
  'publicThemes',
  'tags',
  'wardId',
  'categoryId',
  'dueAt',
  'archived',
] as const;

export interface Move<T> {
  from: T;
  to: T;
}

export interface CaseChangeSet {
  next: Case;
  statusMove?: Move<Case['status']>;
  assigneeMove?: Move<string | null>;
  changes: Record<string, Move<unknown>>;
}

const comparable = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

/**
 * What a PATCH does to a case: the case after it, the status move (checked against the status
 * machine: an illegal one is a 422) with its milestones, the reassignment and the other fields
 * that really changed.
 */
export function applyCasePatch(current: Case, patch: UpdateCaseDto, now: Date): CaseChangeSet {
  const { status, assigneeId, dueAt, ...fields } = patch;
  const next: Case = { ...current, ...fields };
  if (dueAt !== undefined) next.dueAt = new Date(dueAt);
  if (assigneeId !== undefined) next.assigneeId = assigneeId;

  const result: CaseChangeSet = { next, changes: {} };
  if (status !== undefined && status !== current.status) {
    if (!canMove(current.status, status)) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, `A case cannot move from ${current.status} to ${status}`, {
        from: current.status,
        to: status,
        allowed: allowedMovesFrom(current.status),
      });
    }
    Object.assign(next, { status }, milestonesAfterMove(current, current.status, status, now));
    result.statusMove = { from: current.status, to: status };
  }
  if (next.assigneeId !== current.assigneeId) result.assigneeMove = { from: current.assigneeId, to: next.assigneeId };
  for (const field of TRACKED_FIELDS) {
    const [before, after] = [comparable(current[field]), comparable(next[field])];
    if (JSON.stringify(before) !== JSON.stringify(after)) result.changes[field] = { from: before, to: after };
  }
  return result;
}

export const isNoChange = ({ statusMove, assigneeMove, changes }: CaseChangeSet): boolean =>
  !statusMove && !assigneeMove && Object.keys(changes).length === 0;

/** A case's own fields as the audit log keeps them. */
export function caseSnapshot(row: Case): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {
    reference: row.reference,
    status: row.status,
    assigneeId: row.assigneeId,
  };
  for (const field of TRACKED_FIELDS) snapshot[field] = comparable(row[field]);
  return snapshot;
}

/** The before and after of only what a change set changed. */
export function changeSetSnapshots({ statusMove, assigneeMove, changes }: CaseChangeSet): {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
} {
  const moves: Record<string, Move<unknown>> = { ...changes };
  if (statusMove) moves.status = statusMove;
  if (assigneeMove) moves.assigneeId = assigneeMove;
  return {
    before: Object.fromEntries(Object.entries(moves).map(([field, move]) => [field, move.from])),
    after: Object.fromEntries(Object.entries(moves).map(([field, move]) => [field, move.to])),
  };
}
