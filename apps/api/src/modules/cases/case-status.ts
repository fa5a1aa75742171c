import type { CaseStatus } from '@wardline/database';

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

export interface CaseMilestones {
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/**
 * The milestone timestamps after a move: the first move out of `open` is the first response;
 * resolving and closing stamp their times; reopening clears them (the response stays).
 */
export function milestonesAfterMove(
  current: CaseMilestones,
  from: CaseStatus,
  to: CaseStatus,
  at: Date,
): CaseMilestones {
  const next: CaseMilestones = {
    firstResponseAt: current.firstResponseAt,
    resolvedAt: current.resolvedAt,
    closedAt: current.closedAt,
  };
  if (from === 'open' && to !== 'open' && !next.firstResponseAt) next.firstResponseAt = at;
  if (to === 'resolved') next.resolvedAt = at;
  if (to === 'closed') next.closedAt = at;
  if (to === 'open') {
    next.resolvedAt = null;
    next.closedAt = null;
  }
  return next;
}
