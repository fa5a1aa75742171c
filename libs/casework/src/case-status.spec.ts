import { CASE_STATUSES, type CaseStatus } from '@wardline/database/entities/case-types';
import { canMove, milestonesAfterMove } from './case-status';

describe('case status machine', () => {
  const allowed: [CaseStatus, CaseStatus][] = [
    ['open', 'in_progress'],
    ['open', 'awaiting_response'],
    ['open', 'resolved'],
    ['open', 'closed'],
    ['in_progress', 'awaiting_response'],
    ['awaiting_response', 'in_progress'],
    ['in_progress', 'resolved'],
    ['in_progress', 'closed'],
    ['awaiting_response', 'resolved'],
    ['awaiting_response', 'closed'],
    ['resolved', 'closed'],
    ['resolved', 'open'],
    ['closed', 'open'],
  ];

  it('allows exactly the contract moves', () => {
    const every = CASE_STATUSES.flatMap((from) => CASE_STATUSES.map((to) => [from, to] as [CaseStatus, CaseStatus]));
    const permitted = every.filter(([from, to]) => canMove(from, to));
    expect(permitted.toSorted()).toEqual(allowed.toSorted());
  });

  it('stamps the first response on the first move out of open only', () => {
    const t1 = new Date('2026-01-01T10:00:00Z');
    const t2 = new Date('2026-01-02T10:00:00Z');
    const empty = { firstResponseAt: null, resolvedAt: null, closedAt: null };
    const started = milestonesAfterMove(empty, 'open', 'in_progress', t1);
    expect(started.firstResponseAt).toEqual(t1);
    const waiting = milestonesAfterMove(started, 'in_progress', 'awaiting_response', t2);
    expect(waiting.firstResponseAt).toEqual(t1);
  });

  it('stamps resolution and closure, and a reopen clears them but keeps the first response', () => {
    const t1 = new Date('2026-01-01T10:00:00Z');
    const t2 = new Date('2026-01-02T10:00:00Z');
    const t3 = new Date('2026-01-03T10:00:00Z');
    const resolved = milestonesAfterMove(
      { firstResponseAt: null, resolvedAt: null, closedAt: null },
      'open',
      'resolved',
      t1,
    );
    expect(resolved).toEqual({ firstResponseAt: t1, resolvedAt: t1, closedAt: null });
    const closed = milestonesAfterMove(resolved, 'resolved', 'closed', t2);
    expect(closed).toEqual({ firstResponseAt: t1, resolvedAt: t1, closedAt: t2 });
    const reopened = milestonesAfterMove(closed, 'closed', 'open', t3);
    expect(reopened).toEqual({ firstResponseAt: t1, resolvedAt: null, closedAt: null });
  });

  it('closing straight from open is a response and a closure, not a resolution', () => {
    const t1 = new Date('2026-01-01T10:00:00Z');
    const closed = milestonesAfterMove(
      { firstResponseAt: null, resolvedAt: null, closedAt: null },
      'open',
      'closed',
      t1,
    );
    expect(closed).toEqual({ firstResponseAt: t1, resolvedAt: null, closedAt: t1 });
  });
});
