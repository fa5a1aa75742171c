/** Cases in one duration bucket; buckets are ordered as the durations they hold. */
export interface BucketCount {
  bucket: number;
  cases: number;
}

/**
 * Where `percentile_cont(fraction)` over the counted values finds its two neighbours: the
 * buckets holding them, how many values of those buckets (in order) come first, how many to
 * read (2, or 1 when both are the same value), and how far between them the answer lies.
 */
export interface PercentileSpan {
  lowBucket: number;
  highBucket: number;
  offset: number;
  take: 1 | 2;
  proportion: number;
}

/** The span of `percentile_cont(fraction)` in a histogram (buckets ascending); null when empty. */
export function percentileSpan(histogram: readonly BucketCount[], fraction: number): PercentileSpan | null {
  const total = histogram.reduce((sum, row) => sum + row.cases, 0);
  if (total === 0) return null;
  // The same arithmetic as PostgreSQL's percentile_cont (IEEE doubles on both sides).
  const position = fraction * (total - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowAt = locate(histogram, low);
  return {
    lowBucket: lowAt.bucket,
    highBucket: locate(histogram, high).bucket,
    offset: low - lowAt.before,
    take: high > low ? 2 : 1,
    proportion: position - low,
  };
}

/** The bucket of the value at 0-based `rank`, and how many values come before that bucket. */
function locate(histogram: readonly BucketCount[], rank: number): { bucket: number; before: number } {
  let before = 0;
  for (const row of histogram) {
    if (rank < before + row.cases) return { bucket: row.bucket, before };
    before += row.cases;
  }
  throw new Error(`rank ${rank} is beyond the histogram's ${before} values`);
}
