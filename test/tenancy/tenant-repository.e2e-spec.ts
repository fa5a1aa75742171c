import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Ward } from '@wardline/database';
import { TenantContext, TenantRepository, TenantTransaction } from '@wardline/tenancy';
import { ClsService } from 'nestjs-cls';
import { Fixtures } from '../support/fixtures';

/**
 * The repository's own tenant filter and guards, with row-level security out of the way: it
 * runs here on the owner's connection, which the `operator_access` policy lets see every
 * tenant's rows, so only the repository stands between one tenant and another.
 */
describe('TenantRepository without row-level security behind it', () => {
  let fixtures: Fixtures;
  let tenant: TenantContext;
  let wards: TenantRepository<Ward>;
  /** One ward in each of two tenants; no test adds to or changes them, so any order passes. */
  let mine: Ward;
  let theirs: Ward;

  const as = <T>(tenantId: string, work: () => Promise<T>) =>
    tenant.run(tenantId, () => new TenantTransaction(fixtures.owner, cls, tenant).run(work));
  const cls = new ClsService(new AsyncLocalStorage());
  const rowOf = (id: string) => fixtures.owner.getRepository(Ward).findOneByOrFail({ id });

  beforeAll(async () => {
    fixtures = await Fixtures.open();
    tenant = new TenantContext(cls);
    wards = new TenantRepository(Ward, new TenantTransaction(fixtures.owner, cls, tenant), tenant);
    const [a, b] = [await fixtures.tenant('council', 'repo-a'), await fixtures.tenant('council', 'repo-b')];
    mine = await as(a.id, () => wards.insert({ name: 'Mine', enabled: true }));
    theirs = await as(b.id, () => wards.insert({ name: 'Theirs', enabled: true }));
  });
  afterAll(() => fixtures?.close());

  it('the owner connection does see both tenants (so RLS is not what filters below)', async () => {
    const seen = await fixtures.owner.getRepository(Ward).findBy([{ id: mine.id }, { id: theirs.id }]);
    expect(seen).toHaveLength(2);
  });

  it('query, findById, existsById and findForUpdate see only the context tenant', async () => {
    await as(mine.tenantId, async () => {
      expect((await wards.query('ward').getMany()).map((ward) => ward.id)).toEqual([mine.id]);
      expect(await wards.findById(theirs.id)).toBeNull();
      expect(await wards.existsById(theirs.id)).toBe(false);
      expect(await wards.findForUpdate(theirs.id)).toBeNull();
      expect((await wards.findById(mine.id))?.id).toBe(mine.id);
    });
  });

  it("update and delete of another tenant's row find nothing and change nothing", async () => {
    await as(mine.tenantId, async () => {
      expect(await wards.update(theirs.id, { name: 'Taken' })).toEqual({ kind: 'not_found' });
      expect(await wards.delete(theirs.id)).toBe(false);
    });
    expect(await rowOf(theirs.id)).toMatchObject({ name: 'Theirs', version: theirs.version });
  });

  it('save refuses a row of another tenant, even one read past the repository', async () => {
    const foreign = await rowOf(theirs.id);
    foreign.name = 'Taken';
    await expect(as(mine.tenantId, () => wards.save(foreign))).rejects.toThrow(/another tenant/);
    expect((await rowOf(theirs.id)).name).toBe('Theirs');
  });

  it('insert always writes the context tenant, whatever the values say', async () => {
    const own = await fixtures.tenant('council', 'repo-c');
    const values = { name: 'Smuggled', enabled: true, tenantId: theirs.tenantId, id: randomUUID() };
    const inserted = await as(own.id, () => wards.insert(values));
    expect((await rowOf(inserted.id)).tenantId).toBe(own.id);
  });
});
