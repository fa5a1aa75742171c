import { useApiSuite } from '../support/suite';

describe('database pool exhausted', () => {
  const suite = useApiSuite();

  it('answers 503 with Retry-After to requests that cannot get a connection, and serves the rest', async () => {
    const { key } = await suite.fixtures.keyedUser('council', 'admin');
    const created = await suite.request('POST', '/api/cases', { key, json: { summary: 'Blocked drain' } });
    expect(created.status).toBe(201);
    const lock = suite.fixtures.owner.createQueryRunner();
    await lock.startTransaction();
    await lock.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [created.body.id]);

    // The pool holds 10: ten writes wait on the row lock holding a connection each, five wait for one.
    const writes = Array.from({ length: 15 }, () =>
      suite.request('PATCH', `/api/cases/${created.body.id}`, { key, json: { priority: 'high' } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 6000));
    await lock.commitTransaction();
    await lock.release();
    const answers = await Promise.all(writes);

    const refused = answers.filter((answer) => answer.status === 503);
    expect(refused).toHaveLength(5);
    for (const answer of refused) {
      expect(answer.body).toEqual({ error: expect.any(String) });
      expect(answer.headers.get('retry-after')).toBe('2');
    }
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10);
  }, 30_000);
});
