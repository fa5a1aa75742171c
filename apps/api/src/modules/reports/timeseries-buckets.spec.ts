import { bucketStarts } from './timeseries-buckets';

describe('bucketStarts', () => {
  it('lists every day, both ends included', () => {
    expect(bucketStarts('2026-03-30', '2026-04-02', 'day')).toEqual([
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
    ]);
  });

  it('starts weeks on the Monday on or before from', () => {
    expect(bucketStarts('2026-04-01', '2026-04-13', 'week')).toEqual(['2026-03-30', '2026-04-06', '2026-04-13']);
  });

  it('starts months on the first, across a year end', () => {
    expect(bucketStarts('2025-11-15', '2026-02-01', 'month')).toEqual([
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ]);
  });
});
