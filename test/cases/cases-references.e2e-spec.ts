import type { KeyedUser } from '../support/fixtures';
import { type CaseBody, createCase, useCaseSuite, yearIn } from './case-helpers';

const REFERENCE = /^([A-Z]{1,6})-(\d{4})-(\d{4,})$/;

function parts(reference: string): { prefix: string; year: number; sequence: number; digits: string } {
  const match = REFERENCE.exec(reference);
  if (!match) throw new Error(`not a case reference: ${reference}`);
  return { prefix: match[1], year: Number(match[2]), sequence: Number(match[3]), digits: match[3] };
}

describe('Cases: references (contract §4)', () => {
  const suite = useCaseSuite();

  const createMany = (subject: KeyedUser, count: number): Promise<CaseBody[]> =>
    Promise.all(
      Array.from({ length: count }, (_, i) => createCase(suite.request, subject.key, { summary: `Concurrent ${i}` })),
    );

  it('50 concurrent creates in a fresh tenant get 50 distinct references CW-<YYYY>-0001..0050', async () => {
    const subject = await suite.fixtures.keyedUser('council', 'admin');
    const created = await createMany(subject, 50);

    const references = created.map((kase) => kase.reference);
    expect(new Set(references).size).toBe(50);
    for (const reference of references) expect(reference).toMatch(REFERENCE);
    const year = yearIn('Europe/London');
    expect(new Set(references.map((reference) => parts(reference).prefix))).toEqual(new Set(['CW']));
    expect(new Set(references.map((reference) => parts(reference).year))).toEqual(new Set([year]));
    const sequences = references.map((reference) => parts(reference).sequence).toSorted((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(references.toSorted()).toEqual(
      Array.from({ length: 50 }, (_, i) => `CW-${year}-${String(i + 1).padStart(4, '0')}`),
    );

    // Each case reads back with the reference it was created with.
    const listed = await suite.request('GET', '/api/cases?pageSize=100', { key: subject.key });
    expect(listed.body.pagination.total).toBe(50);
    const byId = new Map(created.map((kase) => [kase.id, kase.reference]));
    for (const kase of listed.body.cases as CaseBody[]) expect(kase.reference).toBe(byId.get(kase.id));
  });

  it("uses the tenant's caseReferencePrefix", async () => {
    const subject = await suite.fixtures.keyedUser('council', 'admin');
    await suite.fixtures.owner.query("UPDATE tenants SET case_reference_prefix = 'RB' WHERE id = $1", [
      subject.tenant.id,
    ]);
    const created = await createMany(subject, 5);
    const year = yearIn('Europe/London');
    expect(created.map((kase) => kase.reference).toSorted()).toEqual([
      `RB-${year}-0001`,
      `RB-${year}-0002`,
      `RB-${year}-0003`,
      `RB-${year}-0004`,
      `RB-${year}-0005`,
    ]);
  });

  it('a change of prefix applies to the next case, and the sequence carries on', async () => {
    const subject = await suite.fixtures.keyedUser('council', 'admin');
    const first = await createCase(suite.request, subject.key, { summary: 'Before prefix change' });
    await suite.fixtures.owner.query("UPDATE tenants SET case_reference_prefix = 'WL' WHERE id = $1", [
      subject.tenant.id,
    ]);
    const second = await createCase(suite.request, subject.key, { summary: 'After prefix change' });
    expect(parts(first.reference)).toMatchObject({ prefix: 'CW', sequence: 1 });
    expect(parts(second.reference)).toMatchObject({ prefix: 'WL', sequence: 2 });
  });

  it('each tenant counts on its own', async () => {
    const [one, two] = await Promise.all([
      suite.fixtures.keyedUser('council', 'admin'),
      suite.fixtures.keyedUser('council', 'admin'),
    ]);
    const [a, b] = await Promise.all([createMany(one, 3), createMany(two, 3)]);
    for (const batch of [a, b]) {
      expect(batch.map((kase) => parts(kase.reference).sequence).toSorted()).toEqual([1, 2, 3]);
    }
  });

  it('the sequence keeps going past 9999 with more digits', async () => {
    const subject = await suite.fixtures.keyedUser('council', 'admin');
    await createCase(suite.request, subject.key, { summary: 'Start the counter' });
    await suite.fixtures.owner.query('UPDATE case_reference_counters SET last_value = 9998 WHERE tenant_id = $1', [
      subject.tenant.id,
    ]);
    const year = yearIn('Europe/London');
    const ninety = await createCase(suite.request, subject.key, { summary: '9999' });
    const tenThousand = await createCase(suite.request, subject.key, { summary: '10000' });
    expect(ninety.reference).toBe(`CW-${year}-9999`);
    expect(tenThousand.reference).toBe(`CW-${year}-10000`);

    const sorted = async (sort: string, cursor?: string) =>
      suite.request('GET', `/api/cases?sort=${sort}&pageSize=2${cursor ? `&cursor=${cursor}` : ''}`, {
        key: subject.key,
      });
    const ascending = await sorted('reference');
    expect(ascending.body.cases.map((kase: { reference: string }) => kase.reference)).toEqual([
      `CW-${year}-0001`,
      `CW-${year}-9999`,
    ]);
    const next = await sorted('reference', ascending.body.pagination.nextCursor);
    expect(next.body.cases.map((kase: { reference: string }) => kase.reference)).toEqual([`CW-${year}-10000`]);
    const descending = await sorted('-reference');
    expect(descending.body.cases[0].reference).toBe(`CW-${year}-10000`);
  });

  it("the year is the tenant's local year", async () => {
    const subject = await suite.fixtures.keyedUser('council', 'admin');
    const [{ timezone }] = (await suite.fixtures.owner.query('SELECT timezone FROM tenants WHERE id = $1', [
      subject.tenant.id,
    ])) as { timezone: string }[];
    const kase = await createCase(suite.request, subject.key, { summary: 'Year' });
    expect(parts(kase.reference).year).toBe(yearIn(timezone));
    expect(parts(kase.reference).digits).toBe('0001');
  });
});
