import { useApiSuite } from '../support/suite';

describe('database pool full of writes stuck behind a lock', () => {
  const suite = useApiSuite();

  it('answers 503 with Retry-After to writes that wait too long, and serves those queued for a connection', async () => {
    const { key } = await suite.fixtures.keyedUser('council', 'admin');
    const created = await suite.request('POST', '/api/cases', { key, json: { summary: 'Blocked drain' } });
    expect(created.status).toBe(201);
    const lock = suite.fixtures.owner.createQueryRunner();
    await lock.startTransaction();
    await lock.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [created.body.id]);

    // The pool holds 10: ten writes wait on the row lock holding a connection each, five wait for
    // a connection. The ten give up at the 3 s lock timeout (503, busy); the five then get their
    // connections and the lock, released at 4.5 s, in time.
    const writes = Array.from({ length: 15 }, () =>
      suite.request('PATCH', `/api/cases/${created.body.id}`, { key, json: { priority: 'high' } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 4500));
    await lock.commitTransaction();
    await lock.release();
    const answers = await Promise.all(writes);

    // Exact counts depend on when each request reached the pool; what must hold is that nothing
    // fails otherwise, every refusal says when to retry, and the queued ones are served.
    expect(answers.filter((answer) => answer.status !== 503 && answer.status !== 200)).toEqual([]);
    const refused = answers.filter((answer) => answer.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    for (const answer of refused) {
      expect(answer.body).toEqual({ error: expect.any(String) });
      expect(answer.headers.get('retry-after')).toBe('2');
    }
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(5);
  }, 30_000);
});
