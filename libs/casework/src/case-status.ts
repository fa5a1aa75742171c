import type { CaseStatus } from '@wardline/database/entities/case-types';

/** The contract's status machine: from → the statuses it may move to. */
const ALLOWED_MOVES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['in_progress', 'awaiting_response', 'resolved', 'closed'],
  in_progress: ['awaiting_response', 'resolved', 'closed'],
  awaiting_response: ['in_progress', 'resolved', 'closed'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

export const canMove = (from: CaseStatus, to: CaseStatus): boolean => ALLOWED_MOVES[from].includes(to);

export const allowedMovesFrom = (from: CaseStatus): readonly CaseStatus[] => ALLOWED_MOVES[from];

/** The timestamps a case's moves stamp, as `Date`s (the API) or epoch milliseconds (the seed). */
export interface CaseMilestones<T = Date> {
  firstResponseAt: T | null;
  resolvedAt: T | null;
  closedAt: T | null;
}

/**
 * The milestone timestamps after a move: the first move out of `open` is the first response;
 * resolving and closing stamp their times; reopening clears them (the response stays).
 */
export function milestonesAfterMove<T>(
  current: CaseMilestones<T>,
  from: CaseStatus,
  to: CaseStatus,
  at: T,
): CaseMilestones<T> {
  const next: CaseMilestones<T> = {
    firstResponseAt: current.firstResponseAt,
    resolvedAt: current.resolvedAt,
    closedAt: current.closedAt,
  };
  if (from === 'open' && to !== 'open' && next.firstResponseAt === null) next.firstResponseAt = at;
  if (to === 'resolved') next.resolvedAt = at;
  if (to === 'closed') next.closedAt = at;
  if (to === 'open') {
    next.resolvedAt = null;
    next.closedAt = null;
  }
  return next;
}
