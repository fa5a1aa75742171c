import type { CaseStatus } from '@wardline/database';
import { type CaseMilestones, canMove, milestonesAfterMove } from '@wardline/casework/case-status';
import { referenceYearIn } from '@wardline/casework/case-references';
import { type DemoCase, type DemoCaseContext, DemoCaseFactory } from './demo-case-generator';
import { demoCreationTimes } from './demo-case-times';
import { SeededRandom } from './seeded-random';

const DAY_MS = 86_400_000;
const epoch = (date: Date | null): number | null => (date ? date.getTime() : null);
const NOW = Date.UTC(2026, 4, 14, 10, 30);

const CONTEXT: DemoCaseContext = {
  defaultSlaDays: 20,
  wards: [
    { id: 'w1', name: 'Abbey' },
    { id: 'w2', name: 'Castle' },
  ],
  categories: [
    { id: 'c1', name: 'Highways & Potholes', slug: 'highways-potholes', slaDays: 5 },
    { id: 'c2', name: 'Housing', slug: 'housing', slaDays: 10 },
    { id: 'c3', name: 'Environmental Health', slug: 'environmental-health', slaDays: null },
    { id: 'c4', name: 'Street Cleansing', slug: 'street-cleansing', slaDays: 3 },
  ],
  staff: [
    { id: 'u1', name: 'Aisha Rahman', role: 'caseworker', wardIds: [] },
    { id: 'u2', name: 'Priya Sharma', role: 'councillor', wardIds: ['w1'] },
    { id: 'u3', name: 'David Whitfield', role: 'manager', wardIds: [] },
    { id: 'u4', name: 'Helen Okafor', role: 'admin', wardIds: [] },
  ],
};

function generate(seed: number, count: number, context = CONTEXT): DemoCase[] {
  const random = new SeededRandom(seed);
  const factory = new DemoCaseFactory(context);
  return demoCreationTimes(random, count, NOW).map((createdAt, index) =>
    factory.create(random, { id: `case-${index}`, reference: `CW-2026-${index + 1}`, createdAt, now: NOW }),
  );
}

describe('demo cases', () => {
  const cases = generate(42, 3000);

  it('are the same for the same seed and differ for another', () => {
    expect(generate(42, 3000)).toEqual(cases);
    expect(generate(7, 50).map((row) => row.summary)).not.toEqual(generate(42, 50).map((row) => row.summary));
  });

  // The API's own rules, not a copy: the seed must never make a case the API could not have made.
  it('follow the API status machine and its milestone rule', () => {
    const problems = cases.flatMap((row) => {
      let status: CaseStatus = 'open';
      let milestones: CaseMilestones = { firstResponseAt: null, resolvedAt: null, closedAt: null };
      const found: string[] = [];
      for (const event of row.events.filter((entry) => entry.type === 'status_changed')) {
        const { from, to } = event.data as { from: CaseStatus; to: CaseStatus };
        if (from !== status || !canMove(from, to)) found.push(`${row.reference}: ${from} -> ${to} after ${status}`);
        milestones = milestonesAfterMove(milestones, from, to, new Date(event.at));
        status = to;
      }
      const expected = [milestones.firstResponseAt, milestones.resolvedAt, milestones.closedAt].map(epoch);
      if (row.status !== status) found.push(`${row.reference}: status ${row.status}, moves end at ${status}`);
      if (JSON.stringify([row.firstResponseAt, row.resolvedAt, row.closedAt]) !== JSON.stringify(expected)) {
        found.push(`${row.reference}: milestones differ from the API's`);
      }
      if ((row.firstResponseAt === null) !== (row.status === 'open')) found.push(`${row.reference}: first response`);
      if ((row.closedAt === null) !== (row.status !== 'closed')) found.push(`${row.reference}: closedAt`);
      if (row.status === 'resolved' && row.resolvedAt === null) found.push(`${row.reference}: resolvedAt`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('have a timeline that starts with created and only moves forward, before now', () => {
    for (const row of cases) {
      expect(row.events[0]).toEqual({
        type: 'created',
        at: row.createdAt,
        actor: { type: 'system', id: null, name: 'Demo seed' },
        data: { reference: row.reference, status: 'open' },
      });
    }
    const problems = cases.flatMap((row) => {
      const times = row.events.map((event) => event.at);
      const assigned = row.events
        .filter((event) => event.type === 'assigned')
        .map((event) => (event.data.to as { id: string }).id);
      return [
        times.some((at, index) => index > 0 && at <= times[index - 1]) && 'times not increasing',
        row.updatedAt !== times[times.length - 1] && 'updatedAt is not the last event',
        row.updatedAt >= NOW && 'in the future',
        row.version !== row.events.length && 'version',
        JSON.stringify(assigned) !== JSON.stringify(row.assigneeId ? [row.assigneeId] : []) && 'assigned events',
      ].flatMap((problem) => (problem ? [`${row.reference}: ${problem}`] : []));
    });
    expect(problems).toEqual([]);
  });

  it('look like UK council casework spread over every choice', () => {
    const distinct = <T>(pick: (row: DemoCase) => T) => new Set(cases.map(pick));
    expect(distinct((row) => row.status)).toEqual(
      new Set(['open', 'in_progress', 'awaiting_response', 'resolved', 'closed']),
    );
    expect(distinct((row) => row.priority).size).toBe(4);
    expect(distinct((row) => row.sourceChannel).size).toBe(8);
    expect(distinct((row) => row.wardId)).toEqual(new Set(['w1', 'w2']));
    expect(distinct((row) => row.categoryId)).toEqual(new Set(['c1', 'c2', 'c3', 'c4']));
    expect(distinct((row) => row.assigneeId)).toEqual(new Set([null, 'u1', 'u2', 'u3']));
    const share = (test: (row: DemoCase) => boolean) => cases.filter(test).length / cases.length;
    expect(share((row) => row.priority === 'normal')).toBeGreaterThan(0.4);
    expect(share((row) => row.highlightedForPublic)).toBeGreaterThan(0);
    expect(share((row) => row.archived)).toBeGreaterThan(0);
    expect(share((row) => row.events.some((event) => event.type === 'note_added'))).toBeGreaterThan(0);
    expect(share((row) => row.tags.length > 0)).toBe(1);
    const created = cases.map((row) => row.createdAt);
    expect(Math.min(...created)).toBeGreaterThan(NOW - 366 * DAY_MS);
    expect(created).toEqual(created.toSorted((a, b) => a - b));

    const sla: Record<string, number> = { c1: 5, c2: 10, c3: 20, c4: 3 };
    const problems = cases.flatMap((row) =>
      [
        row.assigneeId === 'u2' && row.wardId !== 'w1' && 'councillor outside their ward',
        !/^[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$/.test(row.residentPostcode) && 'postcode',
        row.residentPhone !== null && !/^07700 900\d{3}$/.test(row.residentPhone) && 'phone',
        row.residentEmail !== null && !/^[a-z0-9._]+@example\.(org|com)$/.test(row.residentEmail) && 'email',
        /[{}]/.test(row.summary + row.description) && 'unfilled placeholder',
        row.dueAt - row.createdAt !== sla[row.categoryId as string] * DAY_MS && 'dueAt',
        row.highlightedForPublic && !(row.publicSummary && row.publicThemes.length) && 'public summary',
        row.archived && row.status !== 'closed' && 'archived while not closed',
      ].flatMap((problem) => (problem ? [`${row.reference}: ${problem}`] : [])),
    );
    expect(problems).toEqual([]);
  });

  it('still work for a tenant with no wards, categories or staff', () => {
    const bare = generate(1, 200, { defaultSlaDays: 15, wards: [], categories: [], staff: [] });
    for (const row of bare) {
      expect(row).toMatchObject({ wardId: null, categoryId: null, assigneeId: null });
      expect(row.dueAt - row.createdAt).toBe(15 * DAY_MS);
      for (const event of row.events) expect(event.actor.type).toBe('system');
    }
  });
});

describe('referenceYearIn', () => {
  it('is the calendar year in the tenant timezone, as Intl says', () => {
    for (const timezone of ['Europe/London', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kathmandu']) {
      const yearOf = referenceYearIn(timezone);
      const format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric' });
      for (const base of [Date.UTC(2026, 0, 1), Date.UTC(2025, 11, 31, 12), Date.UTC(2026, 5, 1)]) {
        for (let offset = -30; offset <= 30; offset += 1) {
          const at = base + offset * 30 * 60_000;
          expect(yearOf(at)).toBe(Number(format.format(at)));
        }
      }
    }
  });
});
