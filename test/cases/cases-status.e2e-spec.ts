import type { KeyedUser } from '../support/fixtures';
import {
  type CaseBody,
  createCase,
  expectEnvelope,
  getCase,
  ISO_MS,
  patchCase,
  type Status,
  STATUSES,
  useCaseSuite,
} from './case-helpers';

/** The contract's allowed moves (§4, Cases). */
const ALLOWED: Record<Status, Status[]> = {
  open: ['in_progress', 'awaiting_response', 'resolved', 'closed'],
  in_progress: ['awaiting_response', 'resolved', 'closed'],
  awaiting_response: ['in_progress', 'resolved', 'closed'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};
const ALLOWED_MOVES = STATUSES.flatMap((from) => ALLOWED[from].map((to) => [from, to] as const));
const ILLEGAL_MOVES = STATUSES.flatMap((from) =>
  STATUSES.filter((to) => to !== from && !ALLOWED[from].includes(to)).map((to) => [from, to] as const),
);

/** A timestamp stamped during a request that ran from `start` to `end` (client clock, a little slack). */
function between(value: string | null, start: number, end: number): void {
  expect(value).toMatch(ISO_MS);
  expect(Date.parse(value as string)).toBeGreaterThanOrEqual(start - 5);
  expect(Date.parse(value as string)).toBeLessThanOrEqual(end + 5);
}

describe('Cases: status machine and milestones (contract §4)', () => {
  const suite = useCaseSuite();
  let admin: KeyedUser;

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
  });

  const move = (id: string, status: Status) => patchCase(suite.request, admin.key, id, { status });

  /** A new case in `status`, reached by one allowed move from open. */
  async function caseIn(status: Status): Promise<CaseBody> {
    const created = await createCase(suite.request, admin.key, { summary: `Starts ${status}` });
    return status === 'open' ? created : move(created.id, status);
  }

  it('the sample of illegal moves is the complement of the allowed ones', () => {
    expect(ALLOWED_MOVES).toHaveLength(13);
    expect(ILLEGAL_MOVES).toEqual([
      ['in_progress', 'open'],
      ['awaiting_response', 'open'],
      ['resolved', 'in_progress'],
      ['resolved', 'awaiting_response'],
      ['closed', 'in_progress'],
      ['closed', 'awaiting_response'],
      ['closed', 'resolved'],
    ]);
  });

  it.each(ALLOWED_MOVES)(
    '%s → %s is allowed: 200, new status and version, a status_changed entry',
    async (from, to) => {
      const before = await caseIn(from);
      const response = await suite.request<CaseBody>('PATCH', `/api/cases/${before.id}`, {
        key: admin.key,
        json: { status: to },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe(`W/"${before.version + 1}"`);
      expect(response.body).toMatchObject({ status: to, version: before.version + 1 });
      expect(response.body.timeline).toHaveLength((before.timeline?.length ?? 0) + 1);
      expect(response.body.timeline?.at(-1)).toMatchObject({ type: 'status_changed', data: { from, to } });
      expect((await getCase(suite.request, admin.key, before.id)).status).toBe(to);
    },
  );

  it.each(ILLEGAL_MOVES)('%s → %s is illegal: 422 and the case is unchanged', async (from, to) => {
    const before = await caseIn(from);
    const response = await suite.request('PATCH', `/api/cases/${before.id}`, {
      key: admin.key,
      json: { status: to, summary: 'Should not stick' },
    });
    expectEnvelope(response, 422);
    const after = await getCase(suite.request, admin.key, before.id);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ status: from, version: before.version, summary: `Starts ${from}` });
  });

  /** Moves the case, noting when the request started and ended. */
  async function timedMove(id: string, status: Status) {
    const start = Date.now();
    const body = await move(id, status);
    return { body, start, end: Date.now() };
  }

  describe('milestones', () => {
    it('firstResponseAt is set on the first move out of open and kept through later moves and reopens', async () => {
      const created = await createCase(suite.request, admin.key, { summary: 'First response' });
      expect(created).toMatchObject({ firstResponseAt: null, resolvedAt: null, closedAt: null });

      const first = await timedMove(created.id, 'in_progress');
      between(first.body.firstResponseAt, first.start, first.end);
      const firstResponseAt = first.body.firstResponseAt;
      expect(first.body).toMatchObject({ resolvedAt: null, closedAt: null });

      for (const status of ['awaiting_response', 'in_progress', 'resolved', 'open', 'awaiting_response'] as const) {
        expect((await move(created.id, status)).firstResponseAt).toBe(firstResponseAt);
      }
    });

    it('resolving stamps resolvedAt, closing stamps closedAt, reopening clears both', async () => {
      const created = await createCase(suite.request, admin.key, { summary: 'Resolve and close' });
      await move(created.id, 'in_progress');

      const resolved = await timedMove(created.id, 'resolved');
      between(resolved.body.resolvedAt, resolved.start, resolved.end);
      expect(resolved.body.closedAt).toBeNull();

      const closed = await timedMove(created.id, 'closed');
      between(closed.body.closedAt, closed.start, closed.end);

      const reopened = await move(created.id, 'open');
      expect(reopened).toMatchObject({ status: 'open', resolvedAt: null, closedAt: null });
      expect(reopened.firstResponseAt).toBe(resolved.body.firstResponseAt);
      expect(await getCase(suite.request, admin.key, created.id)).toMatchObject({ resolvedAt: null, closedAt: null });
    });

    it('resolved → open clears resolvedAt', async () => {
      const resolved = await caseIn('resolved');
      expect(resolved.resolvedAt).toMatch(ISO_MS);
      expect(await move(resolved.id, 'open')).toMatchObject({ resolvedAt: null, closedAt: null });
    });

    it('open → resolved and open → closed directly also set firstResponseAt', async () => {
      const resolved = await timedMove((await caseIn('open')).id, 'resolved');
      between(resolved.body.firstResponseAt, resolved.start, resolved.end);
      between(resolved.body.resolvedAt, resolved.start, resolved.end);
      expect(resolved.body.closedAt).toBeNull();

      const closed = await timedMove((await caseIn('open')).id, 'closed');
      between(closed.body.firstResponseAt, closed.start, closed.end);
      between(closed.body.closedAt, closed.start, closed.end);
      expect(closed.body.resolvedAt).toBeNull();
    });

    it('a case reopened and moved on again keeps its original firstResponseAt', async () => {
      const closed = await caseIn('closed');
      const firstResponseAt = closed.firstResponseAt;
      expect(firstResponseAt).toMatch(ISO_MS);
      await move(closed.id, 'open');
      expect((await move(closed.id, 'in_progress')).firstResponseAt).toBe(firstResponseAt);
    });

    it('an illegal move does not touch the milestones', async () => {
      const closed = await caseIn('closed');
      expectEnvelope(
        await suite.request('PATCH', `/api/cases/${closed.id}`, { key: admin.key, json: { status: 'resolved' } }),
        422,
      );
      const after = await getCase(suite.request, admin.key, closed.id);
      expect(after).toMatchObject({
        firstResponseAt: closed.firstResponseAt,
        resolvedAt: null,
        closedAt: closed.closedAt,
      });
    });
  });
});
