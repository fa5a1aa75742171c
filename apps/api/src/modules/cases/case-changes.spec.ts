import type { Case } from '@wardline/database';
import { applyCasePatch, isNoChange } from './case-changes';

const base = (): Case =>
  ({
    id: 'c1',
    tenantId: 't1',
    status: 'open',
    summary: 'Pothole',
    tags: ['roads'],
    assigneeId: null,
    dueAt: new Date('2026-12-01T00:00:00.000Z'),
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
  }) as unknown as Case;

const now = new Date('2026-11-27T12:00:00.000Z');

describe('applyCasePatch', () => {
  it('reports nothing for a patch that changes nothing', () => {
    expect(isNoChange(applyCasePatch(base(), { summary: 'Pothole', tags: ['roads'], status: 'open' }, now))).toBe(true);
  });

  it('separates the status move, the reassignment and the other changes', () => {
    const change = applyCasePatch(base(), { status: 'in_progress', assigneeId: 'u1', tags: ['roads', 'a1'] }, now);
    expect(change.statusMove).toEqual({ from: 'open', to: 'in_progress' });
    expect(change.assigneeMove).toEqual({ from: null, to: 'u1' });
    expect(change.changes).toEqual({ tags: { from: ['roads'], to: ['roads', 'a1'] } });
    expect(change.next).toMatchObject({ status: 'in_progress', assigneeId: 'u1', firstResponseAt: now });
  });

  it('compares dates by instant', () => {
    const change = applyCasePatch(base(), { dueAt: '2026-12-01T00:00:00.000Z' }, now);
    expect(change.changes).toEqual({});
    const moved = applyCasePatch(base(), { dueAt: '2026-12-02T00:00:00.000Z' }, now);
    expect(moved.changes.dueAt).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' });
  });

  it('refuses an illegal move with a 422 naming the allowed ones', () => {
    const closed = { ...base(), status: 'closed' } as Case;
    expect(() => applyCasePatch(closed, { status: 'resolved' }, now)).toThrow(
      'A case cannot move from closed to resolved',
    );
    const refusal = (() => {
      try {
        applyCasePatch(closed, { status: 'resolved' }, now);
        return undefined;
      } catch (error) {
        return error as { getStatus(): number };
      }
    })();
    expect(refusal?.getStatus()).toBe(422);
  });

  it('leaves the current case untouched', () => {
    const current = base();
    applyCasePatch(current, { status: 'closed', summary: 'x' }, now);
    expect(current).toEqual(base());
  });
});
