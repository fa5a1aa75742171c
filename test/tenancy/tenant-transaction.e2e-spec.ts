import { AsyncLocalStorage } from 'node:async_hooks';
import { appUrlFrom, openDataSource, Ward } from '@wardline/database';
import { MissingTenantContextError, TenantContext, TenantRepository, TenantTransaction } from '@wardline/tenancy';
import { ClsService } from 'nestjs-cls';
import type { DataSource } from 'typeorm';
import { Fixtures } from '../support/fixtures';
import { testEndpoint } from '../support/test-app';

/**
 * The tenant transaction as the API runs it: as the application role (row-level security
 * binds it), on a pool of one connection, so what holds or leaks a connection shows.
 */
describe('TenantTransaction', () => {
  let fixtures: Fixtures;
  let app: DataSource;
  let transaction: TenantTransaction;
  let wards: TenantRepository<Ward>;
  let tenantA: string;
  let tenantB: string;
  const cls = new ClsService(new AsyncLocalStorage());
  const tenant = new TenantContext(cls);

  const as = <T>(tenantId: string, work: () => Promise<T>) => tenant.run(tenantId, () => transaction.run(work));
  const wardNamed = (name: string) => fixtures.owner.getRepository(Ward).findOneBy({ name });

  beforeAll(async () => {
    fixtures = await Fixtures.open();
    app = await openDataSource(appUrlFrom(testEndpoint().ownerUrl), 1);
    transaction = new TenantTransaction(app, cls, tenant);
    wards = new TenantRepository(Ward, transaction, tenant);
    [tenantA, tenantB] = [(await fixtures.tenant('council', 'tx-a')).id, (await fixtures.tenant('council', 'tx-b')).id];
    await as(tenantA, () => wards.insert({ name: 'tx-a ward', enabled: true }));
    await as(tenantB, () => wards.insert({ name: 'tx-b ward', enabled: true }));
  });
  afterAll(async () => {
    await app?.destroy();
    await fixtures?.close();
  });

  it('work that runs no query takes no connection', async () => {
    const holder = app.createQueryRunner();
    await holder.connect();
    try {
      // The pool's only connection is taken: waiting for one would time out after 5 s.
      await expect(as(tenantA, async () => 'answered')).resolves.toBe('answered');
    } finally {
      await holder.release();
    }
  });

  it('the first query already runs inside the transaction, for the tenant', async () => {
    const seen = await as(tenantA, async () => {
      const [first] = (await transaction.manager.query(
        `SELECT current_setting('app.tenant_id') AS tenant, txid_current()::text AS tx`,
      )) as { tenant: string; tx: string }[];
      const [second] = (await transaction.manager.query('SELECT txid_current()::text AS tx')) as { tx: string }[];
      return { ...first, sameTransaction: first.tx === second.tx };
    });
    expect(seen).toMatchObject({ tenant: tenantA, sameTransaction: true });
  });

  it('row-level security binds a query that forgets the tenant filter, first statement included', async () => {
    const names = await as(tenantA, async () =>
      (
        (await transaction.manager.query("SELECT name FROM wards WHERE name LIKE 'tx-_ ward'")) as { name: string }[]
      ).map((row) => row.name),
    );
    expect(names).toEqual(['tx-a ward']);
  });

  it('the tenant setting ends with the transaction: the next user of the connection has none', async () => {
    await as(tenantB, () => transaction.manager.query('SELECT 1'));
    const [after] = (await app.query(`SELECT coalesce(current_setting('app.tenant_id', true), '') AS tenant`)) as {
      tenant: string;
    }[];
    expect(after.tenant).toBe('');
    expect(await app.query("SELECT name FROM wards WHERE name LIKE 'tx-_ ward'")).toEqual([]);
  });

  it('a failure rolls back what ran, and the connection goes back to the pool', async () => {
    await expect(
      as(tenantA, async () => {
        await wards.insert({ name: 'tx-a rolled back', enabled: true });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await wardNamed('tx-a rolled back')).toBeNull();
    expect(await as(tenantA, () => wards.query('ward').andWhere("ward.name = 'tx-a ward'").getCount())).toBe(1);
  });

  it('a nested transaction is a savepoint inside the tenant transaction', async () => {
    await as(tenantA, async () => {
      await wards.insert({ name: 'tx-a outer', enabled: true });
      await transaction.manager
        .transaction(async () => {
          await wards.insert({ name: 'tx-a inner', enabled: true });
          throw new Error('inner fails');
        })
        .catch(() => undefined);
    });
    expect(await wardNamed('tx-a outer')).not.toBeNull();
    expect(await wardNamed('tx-a inner')).toBeNull();
  });

  it('without a tenant context it throws before anything runs', async () => {
    await expect(cls.run(() => transaction.run(async () => 'never'))).rejects.toThrow(MissingTenantContextError);
  });
});
