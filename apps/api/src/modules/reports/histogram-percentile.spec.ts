import { percentileSpan } from './histogram-percentile';

describe('percentileSpan', () => {
  const histogram = [
    { bucket: 3, cases: 2 },
    { bucket: 5, cases: 0 },
    { bucket: 7, cases: 3 },
    { bucket: 9, cases: 5 },
  ];

  it('is null without values', () => {
    expect(percentileSpan([], 0.5)).toBeNull();
    expect(percentileSpan([{ bucket: 1, cases: 0 }], 0.5)).toBeNull();
  });

  it('finds both neighbours of the median and how far between them it lies', () => {
    // 10 values: position 4.5 lies between the 5th and 6th (ranks 4 and 5).
    expect(percentileSpan(histogram, 0.5)).toEqual({
      lowBucket: 7,
      highBucket: 9,
      offset: 2,
      take: 2,
      proportion: 0.5,
    });
  });

  it('reads one value when the position is whole', () => {
    // 10 values, p90: position 8.1 → ranks 8 and 9, both in bucket 9.
    expect(percentileSpan(histogram, 0.9)).toMatchObject({ lowBucket: 9, highBucket: 9, offset: 3, take: 2 });
    expect(percentileSpan([{ bucket: 2, cases: 5 }], 0.5)).toEqual({
      lowBucket: 2,
      highBucket: 2,
      offset: 2,
      take: 1,
      proportion: 0,
    });
  });

  it('skips empty buckets at the edges', () => {
    expect(percentileSpan(histogram, 0)).toMatchObject({ lowBucket: 3, offset: 0, take: 1 });
    expect(percentileSpan(histogram, 1)).toMatchObject({ lowBucket: 9, highBucket: 9, offset: 4, take: 1 });
  });
});
