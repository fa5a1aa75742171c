import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import { createProgram } from '../../apps/cli/src/cli-program';
import { ensureCliBuilt, json, newTenant, newUser, suffix } from '../cli/cli-harness';
import { type KeyedUser } from '../support/fixtures';
import { EVENTS, NEWS } from '../support/publications';
import { useApiSuite } from '../support/suite';

interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId: string | null;
  actor: { type: string; id: string | null; name: string };
}

interface WriteCase {
  /** Makes what the write needs; returns the concrete path, its body and the resource it changes. */
  /** `resourceId: null` for a write of several resources at once (bulk approval). */
  prepare(): Promise<{ path: string; body: unknown; resourceId?: string | null }>;
  action: string;
  resourceType: string;
  /** Who the entry names, when not the admin's key (the public form acts as the system). */
  actor?: Partial<AuditEntry['actor']>;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

/** A tenant's audit entries, newest first, read as the owner. */
async function auditEntriesOf(owner: DataSource, tenantId: string): Promise<AuditEntry[]> {
  return (await owner.query(
    `SELECT action, resource_type AS "resourceType", resource_id AS "resourceId",
            jsonb_build_object('type', actor_type, 'id', actor_id, 'name', actor_name) AS actor
       FROM audit_logs WHERE tenant_id = $1 ORDER BY occurred_at DESC, id DESC`,
    [tenantId],
  )) as AuditEntry[];
}

describe('every write is recorded once, whoever makes it', () => {
  // Webhook URLs on loopback are allowed by configuration, as in development.
  const suite = useApiSuite({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  let admin: KeyedUser;
  const entriesOf = (tenantId: string) => auditEntriesOf(suite.fixtures.owner, tenantId);

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
    ensureCliBuilt();
  });

  const create = async (path: string, body: unknown): Promise<string> => {
    const response = await suite.request('POST', path, { key: admin.key, json: body });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${response.text}`);
    return response.body.id as string;
  };
  const newCase = () => create('/api/cases', { summary: `Case ${suffix()}` });
  const newWard = () => create('/api/wards', { name: `Ward ${suffix()}` });
  const newCategory = () => create('/api/categories', { name: `Category ${suffix()}` });
  const newEvent = () => create('/api/events', EVENTS.draft());
  const newNews = () => create('/api/news', NEWS.draft());
  const newWebhook = () => create('/api/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['case_created'] });

  /** One entry per write operation of the API; a new write route must be added here. */
  const WRITES: Record<string, WriteCase> = {
    'POST /api/cases': {
      prepare: async () => ({ path: '/api/cases', body: { summary: `Case ${suffix()}` } }),
      action: 'case.created',
      resourceType: 'case',
    },
    'PATCH /api/cases/{id}': {
      prepare: async () => {
        const id = await newCase();
        return { path: `/api/cases/${id}`, body: { status: 'in_progress', priority: 'high' }, resourceId: id };
      },
      action: 'case.status_changed',
      resourceType: 'case',
    },
    'POST /api/cases/{id}/notes': {
      prepare: async () => {
        const id = await newCase();
        return { path: `/api/cases/${id}/notes`, body: { body: 'A note' }, resourceId: id };
      },
      action: 'case.note_added',
      resourceType: 'case',
    },
    'POST /api/wards': {
      prepare: async () => ({ path: '/api/wards', body: { name: `Ward ${suffix()}` } }),
      action: 'ward.created',
      resourceType: 'ward',
    },
    'PATCH /api/wards/{id}': {
      prepare: async () => {
        const id = await newWard();
        return { path: `/api/wards/${id}`, body: { enabled: false }, resourceId: id };
      },
      action: 'ward.updated',
      resourceType: 'ward',
    },
    'POST /api/categories': {
      prepare: async () => ({ path: '/api/categories', body: { name: `Category ${suffix()}` } }),
      action: 'category.created',
      resourceType: 'category',
    },
    'PATCH /api/categories/{id}': {
      prepare: async () => {
        const id = await newCategory();
        return { path: `/api/categories/${id}`, body: { slaDays: 7 }, resourceId: id };
      },
      action: 'category.updated',
      resourceType: 'category',
    },
    'POST /api/events': {
      prepare: async () => ({ path: '/api/events', body: EVENTS.draft() }),
      action: 'event.created',
      resourceType: 'event',
    },
    'PATCH /api/events/{id}': {
      prepare: async () => {
        const id = await newEvent();
        return { path: `/api/events/${id}`, body: { cancelled: true }, resourceId: id };
      },
      action: 'event.updated',
      resourceType: 'event',
    },
    'DELETE /api/events/{id}': {
      prepare: async () => {
        const id = await newEvent();
        return { path: `/api/events/${id}`, body: undefined, resourceId: id };
      },
      action: 'event.deleted',
      resourceType: 'event',
    },
    'POST /api/events/approve': {
      prepare: async () => ({
        path: '/api/events/approve',
        body: { ids: [await newEvent(), await newEvent()] },
        resourceId: null,
      }),
      action: 'event.approved',
      resourceType: 'event',
    },
    'POST /api/news': {
      prepare: async () => ({ path: '/api/news', body: NEWS.draft() }),
      action: 'news.created',
      resourceType: 'news',
    },
    'PATCH /api/news/{id}': {
      prepare: async () => {
        const id = await newNews();
        return { path: `/api/news/${id}`, body: { title: 'Edited' }, resourceId: id };
      },
      action: 'news.updated',
      resourceType: 'news',
    },
    'DELETE /api/news/{id}': {
      prepare: async () => {
        const id = await newNews();
        return { path: `/api/news/${id}`, body: undefined, resourceId: id };
      },
      action: 'news.deleted',
      resourceType: 'news',
    },
    'POST /api/news/approve': {
      prepare: async () => ({
        path: '/api/news/approve',
        body: { ids: [await newNews(), await newNews()] },
        resourceId: null,
      }),
      action: 'news.approved',
      resourceType: 'news',
    },
    'POST /api/webhooks': {
      prepare: async () => ({ path: '/api/webhooks', body: { url: 'http://127.0.0.1:9/a', events: ['case_closed'] } }),
      action: 'webhook.created',
      resourceType: 'webhook',
    },
    'PATCH /api/webhooks/{id}': {
      prepare: async () => {
        const id = await newWebhook();
        return { path: `/api/webhooks/${id}`, body: { events: ['case_updated'] }, resourceId: id };
      },
      action: 'webhook.updated',
      resourceType: 'webhook',
    },
    'DELETE /api/webhooks/{id}': {
      prepare: async () => {
        const id = await newWebhook();
        return { path: `/api/webhooks/${id}`, body: undefined, resourceId: id };
      },
      action: 'webhook.deleted',
      resourceType: 'webhook',
    },
    'POST /api/webhooks/{id}/rotate-secret': {
      prepare: async () => {
        const id = await newWebhook();
        return { path: `/api/webhooks/${id}/rotate-secret`, body: undefined, resourceId: id };
      },
      action: 'webhook.secret_rotated',
      resourceType: 'webhook',
    },
    'POST /api/webhooks/{id}/test': {
      prepare: async () => {
        const id = await newWebhook();
        return { path: `/api/webhooks/${id}/test`, body: undefined, resourceId: id };
      },
      action: 'webhook.tested',
      resourceType: 'webhook',
    },
    'POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
      prepare: async () => {
        const id = await newWebhook();
        const ping = await suite.request('POST', `/api/webhooks/${id}/test`, { key: admin.key });
        const deliveryId = ping.body.id as string;
        return { path: `/api/webhooks/${id}/deliveries/${deliveryId}/redeliver`, body: undefined, resourceId: id };
      },
      action: 'webhook.redelivered',
      resourceType: 'webhook',
    },
    'PATCH /api/settings': {
      prepare: async () => {
        // A value other than the current one: an unchanged setting is no change and records nothing.
        const current = await suite.request('GET', '/api/settings', { key: admin.key });
        return { path: '/api/settings', body: { defaultSlaDays: (current.body.defaultSlaDays % 365) + 1 } };
      },
      action: 'settings.updated',
      resourceType: 'settings',
    },
    'POST /api/residents/erase': {
      prepare: async () => {
        const email = `erase.${suffix()}@example.test`;
        await create('/api/cases', { summary: `Case ${suffix()}`, residentEmail: email });
        return { path: '/api/residents/erase', body: { email, confirm: 1 }, resourceId: null };
      },
      action: 'resident.erased',
      resourceType: 'resident',
    },
    'POST /api/public/{tenantSlug}/cases': {
      prepare: async () => {
        await suite.request('PATCH', '/api/settings', { key: admin.key, json: { publicFormEnabled: true } });
        return { path: `/api/public/${admin.tenant.slug}/cases`, body: { summary: `Form ${suffix()}` } };
      },
      action: 'case.created',
      resourceType: 'case',
      actor: { type: 'system', id: null, name: 'public form' },
    },
  };

  const auditEntries = async (): Promise<AuditEntry[]> => {
    const response = await suite.request('GET', '/api/audit-logs?pageSize=100', { key: admin.key });
    return response.body.auditLogs as AuditEntry[];
  };

  it('covers every write operation of the OpenAPI document', async () => {
    const spec = (await suite.request('GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => WRITE_METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((operation) => !(operation in WRITES))).toEqual([]);
  });

  it.each(Object.keys(WRITES))(
    '%s writes exactly one audit entry naming the key and the resource',
    async (operation) => {
      const write = WRITES[operation];
      const [method] = operation.split(' ');
      const { path, body, resourceId } = await write.prepare();
      const before = await auditEntries();
      const response = await suite.request(method, path, { key: admin.key, json: body });
      expect(response.status).toBeLessThan(300);
      const after = await auditEntries();
      const added = after.slice(0, after.length - before.length);
      expect(after.length - before.length).toBe(1);
      expect(added[0]).toMatchObject({
        action: write.action,
        resourceType: write.resourceType,
        resourceId: resourceId === undefined ? (response.body.id ?? expect.any(String)) : resourceId,
        actor: write.actor ?? { type: 'api_key', id: admin.keyId },
      });
    },
  );

  describe('the operator CLI', () => {
    const cliActor = { type: 'system', id: null, name: `cli:${userInfo().username}` };
    /** Runs a command and returns the one audit entry it must have added. */
    const onlyEntry = async (tenantId: string, run: () => Promise<unknown>): Promise<AuditEntry> => {
      const before = (await entriesOf(tenantId)).length;
      await run();
      const after = await entriesOf(tenantId);
      expect(after.length - before).toBe(1);
      expect(after[0].actor).toEqual(cliActor);
      return after[0];
    };

    /** Every command that changes data, with what its entry must say. */
    const COMMANDS = [
      'tenant create',
      'tenant set-plan',
      'tenant suspend',
      'tenant activate',
      'user create',
      'user disable',
      'apikey create',
      'apikey revoke',
      'apikey rotate',
      'retention run',
    ];

    it('has a test below for every command that writes', () => {
      const readOnly = ['apikey list', 'migrate', 'seed demo'];
      const commands = (command: Command, prefix = ''): string[] =>
        command.commands.flatMap((sub) => {
          const name = `${prefix}${sub.name()}`;
          return sub.commands.length > 0 ? commands(sub, `${name} `) : [name];
        });
      expect(
        commands(createProgram())
          .filter((name) => !readOnly.includes(name))
          .toSorted(),
      ).toEqual(COMMANDS.toSorted());
    });

    it('records tenant, user and key commands with the operating-system user as actor', async () => {
      const tenant = await newTenant('council');
      expect((await entriesOf(tenant.id)).map((entry) => entry.action)).toEqual(['tenant.created']);

      const plan = await onlyEntry(tenant.id, () => json(['tenant', 'set-plan', tenant.slug, 'pro']));
      expect(plan).toMatchObject({ action: 'tenant.plan_changed', resourceType: 'tenant', resourceId: tenant.id });
      const suspended = await onlyEntry(tenant.id, () => json(['tenant', 'suspend', tenant.slug]));
      expect(suspended.action).toBe('tenant.suspended');
      expect((await onlyEntry(tenant.id, () => json(['tenant', 'activate', tenant.slug]))).action).toBe(
        'tenant.activated',
      );

      let user = { id: '', email: '' };
      const created = await onlyEntry(tenant.id, async () => (user = await newUser(tenant.slug, 'admin')));
      expect(created).toMatchObject({ action: 'user.created', resourceType: 'user', resourceId: user.id });

      let key = { id: '' };
      const keyEntry = await onlyEntry(tenant.id, async () => {
        key = await json([
          'apikey',
          'create',
          '--tenant',
          tenant.slug,
          '--owner',
          user.email,
          '--name',
          'k',
          '--scopes',
          'cases:read',
        ]);
      });
      expect(keyEntry).toMatchObject({ action: 'api_key.created', resourceId: key.id });

      // Rotation issues a key and retires the old one: two entries, one per key.
      const before = (await entriesOf(tenant.id)).length;
      const rotated = await json<{ id: string }>(['apikey', 'rotate', key.id, '--grace-hours', '2']);
      const rotation = (await entriesOf(tenant.id)).slice(0, 2);
      expect((await entriesOf(tenant.id)).length - before).toBe(2);
      expect(rotation.map((entry) => [entry.action, entry.resourceId])).toEqual([
        ['api_key.rotated', key.id],
        ['api_key.created', rotated.id],
      ]);

      const revoked = await onlyEntry(tenant.id, () => json(['apikey', 'revoke', rotated.id]));
      expect(revoked).toMatchObject({ action: 'api_key.revoked', resourceId: rotated.id });
      // Revoking again changes nothing, so records nothing.
      const count = (await entriesOf(tenant.id)).length;
      await json(['apikey', 'revoke', rotated.id]);
      expect((await entriesOf(tenant.id)).length).toBe(count);

      const other = await newUser(tenant.slug, 'caseworker');
      const disabled = await onlyEntry(tenant.id, () => json(['user', 'disable', other.id]));
      expect(disabled).toMatchObject({ action: 'user.disabled', resourceId: other.id });
    }, 180_000);

    it('records a retention run that anonymised cases once, with its counts', async () => {
      const keyed = await suite.fixtures.keyedUser('council', 'admin');
      await suite.request('PATCH', '/api/settings', {
        key: keyed.key,
        json: { retention: { anonymiseClosedCasesAfterMonths: 1 } },
      });
      const response = await suite.request('POST', '/api/cases', {
        key: keyed.key,
        json: { summary: `Old ${suffix()}`, residentName: 'Old Resident' },
      });
      await suite.fixtures.owner.query(
        `UPDATE cases SET status = 'closed', closed_at = now() - interval '3 months' WHERE id = $1`,
        [response.body.id],
      );
      const entry = await onlyEntry(keyed.tenant.id, () => json(['retention', 'run', '--tenant', keyed.tenant.slug]));
      expect(entry).toMatchObject({ action: 'retention.applied', resourceType: 'tenant', resourceId: keyed.tenant.id });
      // Nothing left to do: a second run records nothing.
      const count = (await entriesOf(keyed.tenant.id)).length;
      await json(['retention', 'run', '--tenant', keyed.tenant.slug]);
      expect((await entriesOf(keyed.tenant.id)).length).toBe(count);
    }, 60_000);
  });
});
