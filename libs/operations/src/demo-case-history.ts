import type { ActorType, CaseEventType, CasePriority, CaseStatus } from '@wardline/database';
import { type CaseMilestones, milestonesAfterMove } from '@wardline/casework/case-status';
import { statusPathTo } from './demo-case-statuses';
import type { SeededRandom } from './seeded-random';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface DemoActor {
  type: ActorType;
  id: string | null;
  name: string;
}

/** Who records a seeded case: the seed itself, as the system. */
export const SEED_ACTOR: DemoActor = { type: 'system', id: null, name: 'Demo seed' };

export interface DemoEvent {
  type: CaseEventType;
  /** Epoch milliseconds. */
  at: number;
  actor: DemoActor;
  data: Record<string, unknown>;
}

export interface CaseHistory extends CaseMilestones<number> {
  status: CaseStatus;
  events: DemoEvent[];
  updatedAt: number;
  /** 1 at creation, +1 for each later change (assignment, move, note), as the API counts saves. */
  version: number;
}

export interface HistoryInput {
  createdAt: number;
  /** Nothing happens at or after this instant. */
  now: number;
  reference: string;
  priority: CasePriority;
  slaDays: number;
  /** The user the case is assigned to at triage, if any. */
  assignee: DemoActor | null;
  /** Who triages (assigns) the case. */
  triager: DemoActor;
  /** Who moves the case along: the assignee, else someone in the team. */
  handler: DemoActor;
  /** A caseworker note to add somewhere along the way, if any. */
  note: string | null;
}

/** Typical hours to a first response, by priority. */
const FIRST_RESPONSE_HOURS: Readonly<Record<CasePriority, number>> = { urgent: 1, high: 4, normal: 12, low: 24 };
/** How much of the SLA a case of this priority typically takes to resolve. */
const RESOLUTION_SHARE: Readonly<Record<CasePriority, number>> = { urgent: 0.2, high: 0.25, normal: 0.3, low: 0.5 };

/** One change after creation, `gap` milliseconds after the one before. */
interface Step {
  type: CaseEventType;
  gap: number;
  actor: DemoActor;
  data: Record<string, unknown>;
}

/** How long a move typically takes after the step before it. */
function gapBefore(random: SeededRandom, input: HistoryInput, from: CaseStatus, to: CaseStatus, first: boolean) {
  if (first) return random.skewed(FIRST_RESPONSE_HOURS[input.priority] * HOUR_MS);
  if (to === 'open') return random.skewed(10 * DAY_MS);
  if (from === 'awaiting_response') return random.skewed(5 * DAY_MS);
  if (to === 'awaiting_response') return random.skewed(2 * DAY_MS);
  if (from === 'resolved') return random.skewed(6 * DAY_MS);
  if (to === 'resolved' || to === 'closed') {
    return random.skewed(input.slaDays * RESOLUTION_SHARE[input.priority] * DAY_MS);
  }
  return random.skewed(DAY_MS);
}

/**
 * A case's timeline from creation to `status`: created, assigned at triage, each move along a
 * legal path, maybe a note; times strictly increasing and all before `now`.
 */
export function caseHistory(random: SeededRandom, input: HistoryInput, status: CaseStatus): CaseHistory {
  const path = statusPathTo(random, status);
  const steps: Step[] = [];
  let from: CaseStatus = 'open';
  let firstGap = random.skewed(FIRST_RESPONSE_HOURS[input.priority] * HOUR_MS);
  for (const [index, to] of path.entries()) {
    const gap = gapBefore(random, input, from, to, index === 0);
    if (index === 0) firstGap = gap;
    steps.push({ type: 'status_changed', gap, actor: input.handler, data: { from, to } });
    from = to;
  }
  if (input.assignee) {
    // Triage comes before the first response: split the first gap.
    const share = random.between(0.2, 0.8);
    steps.unshift({
      type: 'assigned',
      gap: firstGap * share,
      actor: input.triager,
      data: { from: null, to: { id: input.assignee.id, name: input.assignee.name } },
    });
    if (steps.length > 1) steps[1].gap = firstGap * (1 - share);
  }
  if (input.note) {
    steps.splice(notePosition(random, steps), 0, {
      type: 'note_added',
      gap: random.skewed(DAY_MS),
      actor: input.handler,
      data: { body: input.note, internal: random.chance(0.8) },
    });
  }
  return replay(input, steps);
}

/**
 * Where a note goes: after the first move (work has started) and, when the case ended resolved
 * or closed, before that last move; on a case still open, after triage.
 */
function notePosition(random: SeededRandom, steps: readonly Step[]): number {
  const moves = steps.flatMap((step, index) => (step.type === 'status_changed' ? [index] : []));
  if (moves.length === 0) return steps.length;
  const [first, last] = [moves[0], moves[moves.length - 1]];
  if (moves.length > 1) return random.int(first + 1, last);
  const finished = steps[last].data.to === 'resolved' || steps[last].data.to === 'closed';
  return finished ? first : first + 1;
}

function replay(input: HistoryInput, steps: readonly Step[]): CaseHistory {
  // Squeeze the whole history into the time the case has existed, leaving a margin before now.
  const available = (input.now - input.createdAt) * 0.95;
  const total = steps.reduce((sum, step) => sum + step.gap, 0);
  const scale = total > available ? available / total : 1;
  const events: DemoEvent[] = [
    { type: 'created', at: input.createdAt, actor: SEED_ACTOR, data: { reference: input.reference, status: 'open' } },
  ];
  let status: CaseStatus = 'open';
  let milestones: CaseMilestones<number> = { firstResponseAt: null, resolvedAt: null, closedAt: null };
  let at = input.createdAt;
  for (const step of steps) {
    at = Math.max(at + 1, Math.round(at + step.gap * scale));
    if (step.type === 'status_changed') {
      const to = step.data.to as CaseStatus;
      milestones = milestonesAfterMove(milestones, status, to, at);
      status = to;
    }
    events.push({ type: step.type, at, actor: step.actor, data: step.data });
  }
  return { status, events, ...milestones, updatedAt: at, version: events.length };
}
