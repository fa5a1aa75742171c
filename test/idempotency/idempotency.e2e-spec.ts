import { randomUUID } from 'node:crypto';
import { expectEnvelope } from '../support/expectations';
import { useApiSuite } from '../support/suite';

describe('Idempotency-Key on POST', () => {
  const suite = useApiSuite();
  let key: string;
  beforeAll(async () => {
    key = (await suite.fixtures.keyedUser('council', 'admin')).key;
  });

  const caseCount = async (summary: string) =>
    Number(
      (
        (await suite.fixtures.owner.query('SELECT count(*) AS n FROM cases WHERE summary = $1', [summary])) as {
          n: string;
        }[]
      )[0].n,
    );

  it('replays the first answer to a retry with the same body, and does the work once', async () => {
    const summary = `Fly-tipping ${randomUUID()}`;
    const headers = { 'Idempotency-Key': randomUUID() };
    const first = await suite.request('POST', '/api/cases', { key, headers, json: { summary, priority: 'high' } });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const retry = await suite.request('POST', '/api/cases', { key, headers, json: { priority: 'high', summary } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await caseCount(summary)).toBe(1);
  });

  it('refuses the same key with another body (422) and treats another key as new work', async () => {
    const headers = { 'Idempotency-Key': randomUUID() };
    const summary = `Graffiti ${randomUUID()}`;
    expect((await suite.request('POST', '/api/cases', { key, headers, json: { summary } })).status).toBe(201);
    const other = await suite.request('POST', '/api/cases', { key, headers, json: { summary: `${summary}!` } });
    expectEnvelope(other, 422);
    const fresh = await suite.request('POST', '/api/cases', {
      key,
      headers: { 'Idempotency-Key': randomUUID() },
      json: { summary },
    });
    expect(fresh.status).toBe(201);
    expect(await caseCount(summary)).toBe(2);
  });

  it('runs one of two concurrent first attempts; the other gets 409', async () => {
    const summary = `Streetlight ${randomUUID()}`;
    const headers = { 'Idempotency-Key': randomUUID() };
    // Hold the tenant's reference counter so the first attempt is still running when the second arrives.
    const lock = suite.fixtures.owner.createQueryRunner();
    await lock.startTransaction();
    await lock.query('LOCK TABLE case_reference_counters IN EXCLUSIVE MODE');
    const first = suite.request('POST', '/api/cases', { key, headers, json: { summary } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await suite.request('POST', '/api/cases', { key, headers, json: { summary } });
    await lock.commitTransaction();
    await lock.release();
    expectEnvelope(second, 409);
    expect((await first).status).toBe(201);
    expect(await caseCount(summary)).toBe(1);
    const replay = await suite.request('POST', '/api/cases', { key, headers, json: { summary } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('keeps nothing from a failed attempt, keeps keys apart per API key, and checks the key itself', async () => {
    const headers = { 'Idempotency-Key': randomUUID() };
    expect((await suite.request('POST', '/api/cases', { key, headers, json: { summary: '' } })).status).toBe(400);
    const summary = `Bins ${randomUUID()}`;
    expect((await suite.request('POST', '/api/cases', { key, headers, json: { summary } })).status).toBe(201);

    const other = (await suite.fixtures.keyedUser('council', 'admin')).key;
    const theirs = await suite.request('POST', '/api/cases', { key: other, headers, json: { summary } });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();

    const tooLong = await suite.request('POST', '/api/cases', {
      key,
      headers: { 'Idempotency-Key': 'x'.repeat(256) },
      json: { summary },
    });
    expectEnvelope(tooLong, 400);
  });

  it('stores its rows under row-level security like every tenant table', async () => {
    const [table] = (await suite.fixtures.owner.query(
      `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'idempotency_keys'`,
    )) as { relrowsecurity: boolean; relforcerowsecurity: boolean }[];
    expect(table).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
  });
});
