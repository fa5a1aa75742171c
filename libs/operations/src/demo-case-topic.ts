import type { CasePriority } from '@wardline/database';
import { type Weighted, weightsOf } from './seeded-random';

/**
 * One kind of casework a resident raises. Text may hold `{street}`, `{ward}` and `{category}`,
 * filled in per case.
 */
export interface CaseTopic {
  summaries: readonly string[];
  descriptions: readonly string[];
  tags: readonly string[];
  /** What the council would publish about it, with `publicSummary` for highlighted cases. */
  publicThemes: readonly string[];
  publicSummary: string;
  /** Relative weights when the topic is more (or less) pressing than most. */
  priorities?: Weighted<CasePriority>;
  /** Caseworker notes specific to the topic (generic ones are added). */
  notes?: readonly string[];
}

/** Priorities for problems that hurt or endanger people (damp, fly-tipping, ASB). */
export const PRESSING = weightsOf<CasePriority>({ low: 2, normal: 45, high: 38, urgent: 15 });
/** Priorities for requests that can wait their turn (replacement bins, planning, discounts). */
export const ROUTINE = weightsOf<CasePriority>({ low: 30, normal: 60, high: 8, urgent: 2 });
