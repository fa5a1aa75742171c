import type { CaseStatus } from '@wardline/database';
import { type SeededRandom, type Weighted, weightsOf } from './seeded-random';

const DAY_MS = 86_400_000;

/** Young cases are mostly still open; old ones mostly resolved or closed. */
const STATUS_BY_AGE: readonly (readonly [number, Weighted<CaseStatus>])[] = [
  [2, weightsOf({ open: 60, in_progress: 25, awaiting_response: 10, resolved: 4, closed: 1 })],
  [14, weightsOf({ open: 25, in_progress: 30, awaiting_response: 20, resolved: 17, closed: 8 })],
  [60, weightsOf({ open: 10, in_progress: 18, awaiting_response: 14, resolved: 30, closed: 30 })],
  [Infinity, weightsOf({ open: 2.5, in_progress: 2.5, awaiting_response: 2, resolved: 21.5, closed: 72 })],
];

/** Legal routes (contract §4 status machine) from `open` to each final status. */
const PATHS: Readonly<Record<CaseStatus, Weighted<readonly CaseStatus[]>>> = {
  open: [[[], 1]],
  in_progress: [
    [['in_progress'], 70],
    [['awaiting_response', 'in_progress'], 15],
    [['in_progress', 'awaiting_response', 'in_progress'], 15],
  ],
  awaiting_response: [
    [['awaiting_response'], 40],
    [['in_progress', 'awaiting_response'], 60],
  ],
  resolved: [
    [['in_progress', 'resolved'], 55],
    [['in_progress', 'awaiting_response', 'resolved'], 20],
    [['resolved'], 15],
    [['awaiting_response', 'in_progress', 'resolved'], 5],
    [['in_progress', 'resolved', 'open', 'in_progress', 'resolved'], 5],
  ],
  closed: [
    [['in_progress', 'resolved', 'closed'], 55],
    [['resolved', 'closed'], 10],
    [['in_progress', 'closed'], 10],
    [['awaiting_response', 'closed'], 10],
    [['closed'], 5],
    [['in_progress', 'resolved', 'closed', 'open', 'in_progress', 'resolved', 'closed'], 5],
  ],
};

export const finalStatusFor = (random: SeededRandom, ageMs: number): CaseStatus => {
  const ageDays = ageMs / DAY_MS;
  const row = STATUS_BY_AGE.find(([maxDays]) => ageDays < maxDays) ?? STATUS_BY_AGE[STATUS_BY_AGE.length - 1];
  return random.weighted(row[1]);
};

export const statusPathTo = (random: SeededRandom, status: CaseStatus): readonly CaseStatus[] =>
  random.weighted(PATHS[status]);
