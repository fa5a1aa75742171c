import { Client } from 'pg';
import { appUrlFrom } from '@wardline/database';
import { type KeyedUser } from '../support/fixtures';
import { useApiSuite } from '../support/suite';

const RESIDENT = {
  residentName: 'Jo Resident-Unique',
  residentEmail: 'jo.unique@resident.example',
  residentPhone: '07700 900777',
  residentAddress: '14 Unique Lane, Riverford',
};

describe('audit log (contract §4 "Audit log")', () => {
  const suite = useApiSuite();
  let admin: KeyedUser;
  let other: KeyedUser;

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
    other = await suite.fixtures.keyedUser('council', 'admin');
  });

  const audit = (query = '', key = admin.key) => suite.request('GET', `/api/audit-logs${query}`, { key });
  const actionsOf = async (keyId: string) => {
    // The record is written beside the 401, not before it: wait for it.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const page = await audit(`?resourceType=api_key&resourceId=${keyId}`);
      const actions = page.body.auditLogs.map((entry: { action: string }) => entry.action) as string[];
      if (actions.some((action) => action.startsWith('api_key.used_after'))) return actions;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no retired-key entry for ${keyId}`);
  };

  it('records a case create with the key as actor, its prefix and owner, and the request it came from', async () => {
    const created = await suite.request('POST', '/api/cases', {
      key: admin.key,
      headers: { 'User-Agent': 'crm-sync/1.0', 'X-Request-Id': 'audit-test-create-1' },
      json: { summary: 'Streetlight out on Mill Lane', ...RESIDENT },
    });
    expect(created.status).toBe(201);
    const page = await audit(`?resourceType=case&resourceId=${created.body.id}`);
    expect(page.status).toBe(200);
    expect(page.body.auditLogs).toHaveLength(1);
    const [entry] = page.body.auditLogs;
    expect(entry).toMatchObject({
      action: 'case.created',
      resourceType: 'case',
      resourceId: created.body.id,
      actor: {
        type: 'api_key',
        id: admin.keyId,
        prefix: admin.key.slice(0, 11),
        owner: { id: admin.owner.id, name: admin.owner.name },
      },
      requestId: 'audit-test-create-1',
      ip: '127.0.0.1',
      userAgent: 'crm-sync/1.0',
    });
    expect(entry.changes.before).toBeNull();
    expect(entry.changes.after).toMatchObject({ summary: 'Streetlight out on Mill Lane', status: 'open' });
  });

  it('keeps only changed fields on an update and never a resident contact value', async () => {
    const created = await suite.request('POST', '/api/cases', {
      key: admin.key,
      json: { summary: 'Fly-tipping behind the library', ...RESIDENT },
    });
    const id = created.body.id as string;
    const patched = await suite.request('PATCH', `/api/cases/${id}`, {
      key: admin.key,
      json: { status: 'in_progress', residentEmail: 'new.unique@resident.example', priority: 'high' },
    });
    expect(patched.status).toBe(200);
    const noted = await suite.request('POST', `/api/cases/${id}/notes`, {
      key: admin.key,
      json: { body: 'Rang Jo on 07700 900777 about it', internal: true },
    });
    expect(noted.status).toBe(201);

    const page = await audit(`?resourceId=${id}`);
    const actions = page.body.auditLogs.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(['case.note_added', 'case.status_changed', 'case.created']);
    const update = page.body.auditLogs[1];
    expect(update.changes).toEqual({
      before: { status: 'open', priority: 'normal', residentEmail: '[redacted]' },
      after: { status: 'in_progress', priority: 'high', residentEmail: '[redacted]' },
    });
    expect(page.body.auditLogs[0].changes.after).toEqual({ body: '[redacted]', internal: true });

    const everything = JSON.stringify(page.body);
    for (const value of [...Object.values(RESIDENT), 'new.unique@resident.example', 'Rang Jo']) {
      expect(everything).not.toContain(value);
    }
  });

  it('filters by action, actor, resource and time, and pages by cursor newest first', async () => {
    // A council of its own: other tests' entries must not change what the filters find.
    const council = await suite.fixtures.keyedUser('council', 'admin');
    const own = (query = '') => audit(query, council.key);
    for (const name of ['Audit ward A', 'Audit ward B', 'Audit ward C']) {
      expect((await suite.request('POST', '/api/wards', { key: council.key, json: { name } })).status).toBe(201);
    }
    const wards = await audit('?action=ward.created&pageSize=2&cursor=');
    expect(wards.status).toBe(400);
    const first = await own(`?action=ward.created&actorId=${council.keyId}&pageSize=2`);
    expect(
      first.body.auditLogs.map((entry: { changes: { after: { name: string } } }) => entry.changes.after.name),
    ).toEqual(['Audit ward C', 'Audit ward B']);
    const firstCursorPage = await own(`?action=ward.created&pageSize=2&cursor=${'x'.repeat(10)}`);
    expect(firstCursorPage.status).toBe(400);
    const next = await own(
      `?action=ward.created&actorType=api_key&pageSize=2&cursor=${first.body.pagination.nextCursor}`,
    );
    expect(next.status).toBe(200);
    expect(
      next.body.auditLogs.map((entry: { changes: { after: { name: string } } }) => entry.changes.after.name),
    ).toEqual(['Audit ward A']);
    expect(next.body.pagination.nextCursor).toBeNull();

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await own(`?from=${future}`)).body.auditLogs).toEqual([]);
    const byKeyOrUser = await own('?action=ward.created&actorType=api_key,user');
    expect(byKeyOrUser.body.pagination.total).toBe(3);
    expect((await own('?action=ward.created&actorType=user&actorType=system')).body.auditLogs).toEqual([]);
    expect((await own(`?actorType=robot`)).status).toBe(400);
    expect((await own(`?from=yesterday`)).status).toBe(400);
  });

  it('records operator changes to the tenant and its keys with the system actor', async () => {
    await suite.fixtures.setPlan(admin.tenant.id, 'council');
    const page = await audit('?resourceType=tenant');
    expect(page.body.auditLogs.map((entry: { action: string }) => entry.action)).toContain('tenant.created');
    const keys = await audit(`?resourceType=api_key&resourceId=${admin.keyId}`);
    expect(keys.body.auditLogs).toEqual([
      expect.objectContaining({
        action: 'api_key.created',
        actor: { type: 'system', id: null, name: 'test fixtures', prefix: null, owner: null },
      }),
    ]);
    expect(JSON.stringify(keys.body)).not.toContain(admin.key);
  });

  it('never shows another tenant its entries', async () => {
    await suite.request('POST', '/api/wards', { key: other.key, json: { name: 'Other council ward' } });
    const mine = await audit('?pageSize=100');
    expect(JSON.stringify(mine.body)).not.toContain('Other council ward');
    expect(mine.body.auditLogs.every((entry: { actor: { id: string | null } }) => entry.actor.id !== other.keyId)).toBe(
      true,
    );
    const theirs = await audit(`?actorId=${admin.keyId}`, other.key);
    expect(theirs.body.auditLogs).toEqual([]);
  });

  it('is for council-plan admins holding audit:read', async () => {
    const manager = await suite.fixtures.keyedUser('council', 'manager');
    const pro = await suite.fixtures.keyedUser('pro', 'admin');
    const noScope = await suite.fixtures.keyedUser('council', 'admin', ['cases:read']);
    expect((await audit('', manager.key)).body).toEqual({
      error: 'Insufficient role',
      details: { requiredRole: 'admin', role: 'manager' },
    });
    expect((await audit('', pro.key)).status).toBe(403);
    expect((await audit('', pro.key)).body.details).toMatchObject({ plan: 'pro', requiredScope: 'audit:read' });
    expect((await audit('', noScope.key)).body.error).toBe('Insufficient scope');
  });

  it('a failed write leaves no audit entry, timeline entry or outbox row', async () => {
    const counts = async () => {
      const [row] = (await suite.fixtures.owner.query(
        `SELECT (SELECT count(*) FROM audit_logs WHERE tenant_id = $1)::int AS audit,
                (SELECT count(*) FROM case_events WHERE tenant_id = $1)::int AS timeline,
                (SELECT count(*) FROM outbox_events WHERE tenant_id = $1)::int AS outbox`,
        [admin.tenant.id],
      )) as { audit: number; timeline: number; outbox: number }[];
      return row;
    };
    const kase = await suite.request('POST', '/api/cases', { key: admin.key, json: { summary: 'Rollback check' } });
    await suite.request('POST', '/api/wards', { key: admin.key, json: { name: 'Rollback ward' } });
    const before = await counts();
    // The status move is legal, the unknown ward makes the whole write fail (422).
    const failed = await suite.request('PATCH', `/api/cases/${kase.body.id}`, {
      key: admin.key,
      json: { status: 'closed', wardId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(failed.status).toBe(422);
    const stale = await suite.request('PATCH', `/api/cases/${kase.body.id}`, {
      key: admin.key,
      headers: { 'If-Match': 'W/"99"' },
      json: { status: 'closed' },
    });
    expect(stale.status).toBe(409);
    const duplicate = await suite.request('POST', '/api/wards', { key: admin.key, json: { name: 'Rollback ward' } });
    expect(duplicate.status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('writes outbox rows for the webhook events a case change causes', async () => {
    const kase = await suite.request('POST', '/api/cases', {
      key: admin.key,
      json: { summary: 'Outbox check', assigneeId: admin.owner.id },
    });
    await suite.request('PATCH', `/api/cases/${kase.body.id}`, { key: admin.key, json: { status: 'resolved' } });
    const rows = (await suite.fixtures.owner.query(
      `SELECT type, payload FROM outbox_events WHERE tenant_id = $1 AND payload -> 'data' -> 'case' ->> 'id' = $2 ORDER BY seq`,
      [admin.tenant.id, kase.body.id],
    )) as { type: string; payload: { event: string; timestamp: string; data: { case: { id: string } } } }[];
    expect(rows.map((row) => row.type)).toEqual([
      'case_created',
      'case_assigned',
      'case_status_changed',
      'case_resolved',
    ]);
    expect(rows[2].payload).toMatchObject({
      event: 'case_status_changed',
      data: { from: 'open', to: 'resolved', case: { id: kase.body.id, status: 'resolved' } },
    });
  });

  it('is append-only for the application role: UPDATE and DELETE fail', async () => {
    const client = new Client({ connectionString: appUrlFrom(process.env.DATABASE_URL as string) });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [admin.tenant.id]);
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_logs');
      expect(rows[0].n).toBeGreaterThan(0);
      await expect(client.query(`UPDATE audit_logs SET action = 'case.tampered'`)).rejects.toThrow(/permission denied/);
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [admin.tenant.id]);
      await expect(client.query('DELETE FROM audit_logs')).rejects.toThrow(/permission denied/);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
    // Not even the owner may rewrite history.
    await expect(
      suite.fixtures.owner.query(`DELETE FROM audit_logs WHERE tenant_id = $1`, [admin.tenant.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('records a revoked or expired key presented again, at most once an hour, and an expiry once', async () => {
    const owner = await suite.fixtures.user(admin.tenant, 'admin');
    const revoked = await suite.fixtures.key(admin.tenant, owner, ['cases:read']);
    const expiring = await suite.fixtures.key(admin.tenant, owner, ['cases:read'], new Date(Date.now() + 1500));
    await suite.fixtures.revokeKey(revoked.keyId);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    for (let i = 0; i < 3; i += 1) {
      expect((await suite.request('GET', '/api/me', { key: revoked.key })).status).toBe(401);
      expect((await suite.request('GET', '/api/me', { key: expiring.key })).status).toBe(401);
    }
    expect(await actionsOf(revoked.keyId)).toEqual([
      'api_key.used_after_revocation',
      'api_key.revoked',
      'api_key.created',
    ]);
    expect(await actionsOf(expiring.keyId)).toEqual([
      'api_key.used_after_expiry',
      'api_key.expired',
      'api_key.created',
    ]);
  });
});
