import type { CasePriority, Role, SourceChannel } from '@wardline/database';
import { caseHistory, type CaseHistory, type DemoActor, SEED_ACTOR } from './demo-case-history';
import { finalStatusFor } from './demo-case-statuses';
import { CATEGORY_WEIGHTS, EXTRA_TAGS, fillTopicText, GENERIC_NOTES, topicsFor } from './demo-case-topics';
import { demoResident } from './demo-residents';
import { seedFrom, type SeededRandom, type Weighted, weightsOf } from './seeded-random';

const DAY_MS = 86_400_000;

/** What a tenant offers its demo cases: enabled wards, categories and staff, and its settings. */
export interface DemoCaseContext {
  defaultSlaDays: number;
  wards: readonly { id: string; name: string }[];
  categories: readonly { id: string; name: string; slug: string; slaDays: number | null }[];
  /** Enabled users who take casework: caseworkers, councillors and managers (and admins, who triage). */
  staff: readonly { id: string; name: string; role: Role; wardIds: readonly string[] }[];
}

type Ward = DemoCaseContext['wards'][number];
type Category = DemoCaseContext['categories'][number];
type Staff = DemoCaseContext['staff'][number];

/** One generated case: the columns of `cases` (times in epoch ms) and its timeline. */
export interface DemoCase extends CaseHistory {
  id: string;
  reference: string;
  internalRef: string | null;
  priority: CasePriority;
  summary: string;
  description: string;
  residentName: string;
  residentEmail: string | null;
  residentPhone: string | null;
  residentAddress: string;
  residentPostcode: string;
  sourceChannel: SourceChannel;
  archived: boolean;
  highlightedForPublic: boolean;
  publicSummary: string | null;
  publicThemes: string[];
  tags: string[];
  wardId: string | null;
  categoryId: string | null;
  assigneeId: string | null;
  dueAt: number;
  createdAt: number;
}

const PRIORITIES = weightsOf<CasePriority>({ low: 15, normal: 60, high: 18, urgent: 7 });

const CHANNELS = weightsOf<SourceChannel>({
  email: 26,
  web_form: 24,
  phone: 20,
  surgery: 7,
  social_media: 7,
  in_person: 6,
  letter: 5,
  api: 5,
});

/** Relative chance of being given a case in a ward: caseworkers most, then the ward's councillors, then managers. */
function assignmentWeight(user: Staff, wardId: string | null): number {
  if (user.role === 'caseworker') return 3;
  if (user.role === 'councillor') return wardId !== null && user.wardIds.includes(wardId) ? 2 : 0;
  return user.role === 'manager' ? 1 : 0;
}

const assigneeWeights = (context: DemoCaseContext, wardId: string | null): Weighted<Staff> =>
  context.staff.map((user) => [user, assignmentWeight(user, wardId)] as const).filter(([, weight]) => weight > 0);

const asActor = (user: { id: string; name: string } | undefined): DemoActor | null =>
  user ? { type: 'user', id: user.id, name: user.name } : null;

/** Where and when a case is made; everything else is drawn. */
export interface DemoCaseSlot {
  id: string;
  reference: string;
  createdAt: number;
  /** Nothing in the case's history happens at or after this instant. */
  now: number;
}

/** Makes realistic cases for one tenant from its wards, categories and staff. */
export class DemoCaseFactory {
  private readonly wards: Weighted<Ward | null>;
  private readonly categories: Weighted<Category | null>;
  private readonly triagers: Staff[];
  private readonly assignees: Map<string | null, Weighted<Staff>>;
  private readonly wardIndex: Map<string, number>;

  constructor(private readonly context: DemoCaseContext) {
    this.wards = context.wards.length
      ? context.wards.map((ward) => [ward, 0.6 + (seedFrom(ward.name) % 5) / 5] as const)
      : [[null, 1]];
    this.categories = context.categories.length
      ? context.categories.map((category) => [category, CATEGORY_WEIGHTS[category.slug] ?? 1] as const)
      : [[null, 1]];
    this.triagers = context.staff.filter((user) => user.role === 'manager' || user.role === 'admin');
    const wardIds = context.wards.length ? context.wards.map((ward) => ward.id) : [null];
    this.assignees = new Map(wardIds.map((wardId) => [wardId, assigneeWeights(context, wardId)]));
    this.wardIndex = new Map(context.wards.map((ward, index) => [ward.id, index]));
  }

  /**
   * One case: who raised it, about what and where, who handles it and how far it has got by
   * `slot.now`. Every choice comes from `random`, so the same seed gives the same cases.
   */
  create(random: SeededRandom, { id, reference, createdAt, now }: DemoCaseSlot): DemoCase {
    const ward = random.weighted(this.wards);
    const category = random.weighted(this.categories);
    const topic = random.pick(topicsFor(category?.slug ?? null));
    const resident = demoResident(random, ward ? (this.wardIndex.get(ward.id) ?? 0) : 0);
    const text = { street: resident.street, ward: ward?.name ?? 'the', category: category?.name ?? 'General' };
    const priority = random.weighted(topic.priorities ?? PRIORITIES);
    const sourceChannel = random.weighted(CHANNELS);
    const slaDays = category?.slaDays ?? this.context.defaultSlaDays;

    const candidates = this.assignees.get(ward?.id ?? null) ?? [];
    const assignee = candidates.length > 0 && random.chance(0.85) ? asActor(random.weighted(candidates)) : null;
    const triager = asActor(this.triagers.length ? random.pick(this.triagers) : undefined) ?? SEED_ACTOR;
    const staff = this.context.staff;
    const handler = assignee ?? asActor(staff.length ? random.pick(staff) : undefined) ?? SEED_ACTOR;
    const note = random.chance(0.35) ? random.pick([...(topic.notes ?? []), ...GENERIC_NOTES]) : null;
    const status = finalStatusFor(random, now - createdAt);
    const history = caseHistory(
      random,
      { createdAt, now, reference, priority, slaDays, assignee, triager, handler, note },
      status,
    );

    const highlighted = history.resolvedAt !== null && random.chance(0.06);
    const extraTag = random.chance(0.25) ? [random.pick(EXTRA_TAGS)] : [];
    return {
      ...history,
      id,
      reference,
      internalRef: random.chance(0.2) ? `SR-${random.int(100_000, 999_999)}` : null,
      priority,
      summary: fillTopicText(random.pick(topic.summaries), text),
      description: fillTopicText(random.pick(topic.descriptions), text),
      residentName: resident.name,
      residentEmail: sourceChannel === 'letter' && random.chance(0.7) ? null : resident.email,
      residentPhone: resident.phone,
      residentAddress: resident.address,
      residentPostcode: resident.postcode,
      sourceChannel,
      archived: history.status === 'closed' && now - createdAt > 120 * DAY_MS && random.chance(0.15),
      highlightedForPublic: highlighted,
      publicSummary: highlighted ? fillTopicText(topic.publicSummary, text) : null,
      publicThemes: highlighted ? [...topic.publicThemes] : [],
      tags: [...new Set([...topic.tags, ...extraTag])],
      wardId: ward?.id ?? null,
      categoryId: category?.id ?? null,
      assigneeId: assignee?.id ?? null,
      dueAt: createdAt + slaDays * DAY_MS,
      createdAt,
    };
  }
}
