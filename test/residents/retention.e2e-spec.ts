import { ensureCliBuilt, json, suffix } from '../cli/cli-harness';
import { type RetentionRunResult as RetentionRun, RetentionService } from '@wardline/operations';
import { RetentionJob } from '../../apps/worker/src/retention-job';
import { type KeyedUser } from '../support/fixtures';
import { startTestWorker } from '../support/test-worker';
import { useApiSuite } from '../support/suite';

const MONTHS = 12;
const TIMEZONE = 'Pacific/Auckland';

describe('retention: anonymising cases closed longer ago than the council keeps them', () => {
  const suite = useApiSuite();
  let admin: KeyedUser;

  beforeAll(() => ensureCliBuilt());

  beforeEach(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
  });

  const retention = (...flags: string[]) =>
    json<RetentionRun>(['retention', 'run', '--tenant', admin.tenant.slug, ...flags]);
  const setRetention = async (months: number | null) =>
    expect(
      (
        await suite.request('PATCH', '/api/settings', {
          key: admin.key,
          json: { timezone: TIMEZONE, retention: { anonymiseClosedCasesAfterMonths: months } },
        })
      ).status,
    ).toBe(200);
  const getCase = async (id: string) => (await suite.request('GET', `/api/cases/${id}`, { key: admin.key })).body;

  /** A case with a resident and a note, closed `offsetDays` after the cut-off in the council's time zone. */
  const closedCase = async (offsetDays: number | null) => {
    const tag = suffix();
    const created = await suite.request('POST', '/api/cases', {
      key: admin.key,
      json: {
        summary: 'Streetlight out',
        residentName: `Resident ${tag}`,
        residentEmail: `r.${tag}@example.test`,
        residentPhone: '07700 900123',
        residentAddress: `${tag} High Street`,
        residentPostcode: 'M1 1AE',
      },
    });
    const id = created.body.id as string;
    await suite.request('POST', `/api/cases/${id}/notes`, { key: admin.key, json: { body: `Note for ${tag}` } });
    if (offsetDays !== null) {
      await suite.fixtures.owner.query(
        `UPDATE cases SET status = 'closed',
                closed_at = ((now() AT TIME ZONE $2) - make_interval(months => $3) + make_interval(days => $4)) AT TIME ZONE $2
          WHERE id = $1`,
        [id, TIMEZONE, MONTHS, offsetDays],
      );
    }
    return { id, tag };
  };

  it('does nothing while retention is off', async () => {
    await closedCase(-400);
    expect(await retention()).toMatchObject({ months: null, dueCases: 0, anonymisedCases: 0 });
  });

  it('counts in a dry run, anonymises only what is past the cut-off, and a second run changes nothing', async () => {
    await setRetention(MONTHS);
    const due = await closedCase(-1);
    const recent = await closedCase(1);
    const open = await closedCase(null);
    const reportBefore = await suite.request('GET', '/api/reports/summary', { key: admin.key });

    const dry = await retention('--dry-run');
    expect(dry).toMatchObject({ months: MONTHS, dryRun: true, dueCases: 1, anonymisedCases: 0, timelineEntries: 0 });
    expect((await getCase(due.id)).residentName).toBe(`Resident ${due.tag}`);

    const run = await retention();
    expect(run).toMatchObject({ dryRun: false, dueCases: 1, anonymisedCases: 1, timelineEntries: 1 });
    expect(Date.parse(run.cutoff!)).toBeGreaterThanOrEqual(Date.parse(dry.cutoff!));

    const anonymised = await getCase(due.id);
    expect(anonymised).toMatchObject({
      status: 'closed',
      residentName: null,
      residentEmail: null,
      residentPhone: null,
      residentAddress: null,
      residentPostcode: 'M1',
    });
    expect(anonymised.timeline.map((entry: { type: string }) => entry.type)).toEqual(['created', 'note_added']);
    expect(JSON.stringify(anonymised)).not.toContain(due.tag);
    for (const kept of [recent, open]) expect((await getCase(kept.id)).residentName).toBe(`Resident ${kept.tag}`);
    expect((await getCase(recent.id)).timeline.at(-1).data.body).toBe(`Note for ${recent.tag}`);

    const reportAfter = await suite.request('GET', '/api/reports/summary', { key: admin.key });
    expect(reportAfter.body).toEqual(reportBefore.body);

    expect(await retention()).toMatchObject({ dueCases: 0, anonymisedCases: 0, timelineEntries: 0 });
    const entries = (await suite.fixtures.owner.query(
      `SELECT actor_type AS "actorType", changes FROM audit_logs WHERE tenant_id = $1 AND action = 'retention.applied'`,
      [admin.tenant.id],
    )) as { actorType: string; changes: { after: Record<string, unknown> } }[];
    expect(entries).toEqual([
      {
        actorType: 'system',
        changes: {
          before: null,
          after: { months: MONTHS, cutoff: run.cutoff, anonymisedCases: 1, timelineEntries: 1 },
        },
      },
    ]);
  }, 60_000);

  it('runs in the worker as the system actor, under row-level security', async () => {
    await setRetention(MONTHS);
    const due = await closedCase(-30);
    const worker = await startTestWorker();
    try {
      const job = worker.context.get(RetentionJob);
      expect(await worker.context.get(RetentionService).tenantsWithRetention()).toContain(admin.tenant.id);
      expect(await job.runFor([admin.tenant.id])).toBe(1);
    } finally {
      await worker.close();
    }
    expect(await getCase(due.id)).toMatchObject({ residentName: null, residentPostcode: 'M1' });
    const [entry] = (await suite.fixtures.owner.query(
      `SELECT actor_type AS "actorType", actor_name AS "actorName" FROM audit_logs
        WHERE tenant_id = $1 AND action = 'retention.applied'`,
      [admin.tenant.id],
    )) as { actorType: string; actorName: string }[];
    expect(entry).toEqual({ actorType: 'system', actorName: 'retention' });
  }, 60_000);

  it("touches no other council's cases", async () => {
    const other = await suite.fixtures.keyedUser('council', 'admin');
    const theirs = await suite.request('POST', '/api/cases', {
      key: other.key,
      json: { summary: 'Theirs', residentName: 'Their Resident' },
    });
    await suite.fixtures.owner.query(
      `UPDATE cases SET status = 'closed', closed_at = now() - interval '5 years' WHERE id = $1`,
      [theirs.body.id],
    );
    await setRetention(MONTHS);
    expect(await retention()).toMatchObject({ dueCases: 0, anonymisedCases: 0 });
    const theirCase = await suite.request('GET', `/api/cases/${theirs.body.id}`, { key: other.key });
    expect(theirCase.body.residentName).toBe('Their Resident');
  }, 60_000);
});
