import { countableCaseFilter } from './case-query';

const WARD = '6f1c2d3e-0000-4000-8000-000000000001';
const USER = '6f1c2d3e-0000-4000-8000-000000000002';

describe('countableCaseFilter', () => {
  it('counts every current case when nothing is filtered', () => {
    expect(countableCaseFilter({})).toEqual({ archived: false });
  });

  it('takes the archived flag, assignees and one discrete filter with several values', () => {
    expect(countableCaseFilter({ archived: true, assigneeId: [USER], status: ['open', 'resolved'] })).toEqual({
      archived: true,
      assigneeIds: [USER],
      only: { dimension: 'status', values: ['open', 'resolved'] },
    });
    expect(countableCaseFilter({ wardId: [WARD] })).toEqual({
      archived: false,
      only: { dimension: 'ward_id', values: [WARD] },
    });
  });

  it.each([
    ['two discrete filters', { status: ['open' as const], priority: ['urgent' as const] }],
    ['a search', { search: 'pothole' }],
    ['a creation date', { createdFrom: '2026-01-01T00:00:00Z' }],
    ['a change date', { updatedSince: '2026-01-01T00:00:00Z' }],
  ])('leaves %s to a count of the rows', (_what, filters) => {
    expect(countableCaseFilter(filters)).toBeNull();
  });
});
