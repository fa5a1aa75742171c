/**
 * `npm run bench:seed`: the benchmark's dataset, fast. 200 council tenants through the product's
 * own services (tenant, demo wards, categories and users, and two API keys each, whose
 * plaintext goes to the state file so the bench can call as them); then cases:
 *
 * - one big tenant: `BENCH_TEMPLATE_CASES` (100 000) demo cases from the demo generator (the
 *   same cases, timelines and reference counter as `seed demo`), then copied in SQL until it holds
 *   `BENCH_BIG_CASES` (1 000 000): each copy round shifts every time of the case back a little
 *   and takes the next block of references, so dates stay spread over the year;
 * - 199 tenants of `BENCH_SMALL_CASES` (5 000): one seeded by the demo generator, copied into
 *   the others with their own wards, categories and staff (matched by name, slug and email).
 *
 * Copies have no timeline events (lists, search, exports and reports do not read them). The
 * secondary indexes of `cases` are dropped during the load and rebuilt after it (much faster
 * than maintaining them row by row), then everything is VACUUMed and ANALYZEd.
 *
 * `--reset` drops what an earlier seed left first; without it, a database that already has
 * tenants is refused.
 */
import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { SCOPE_POLICY, scopesOfPlan } from '@wardline/auth';
import { AppConfig } from '@wardline/common';
import type { DatabaseEndpoint } from '@wardline/database';
import { DEMO_USERS, openOperator, type OperatorServices } from '@wardline/operations';
import { systemActor } from '@wardline/tenancy';
import { openBenchDatabase } from './support/bench-database';
import { type BenchState, type BenchTenant, forgetBenchState, writeBenchState } from './support/bench-state';

const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const TENANTS = count('BENCH_TENANTS', 200);
const BIG_CASES = count('BENCH_BIG_CASES', 1_000_000);
const TEMPLATE_CASES = Math.min(count('BENCH_TEMPLATE_CASES', 100_000), BIG_CASES);
const SMALL_CASES = count('BENCH_SMALL_CASES', 5_000);
/** Connections copying at once (the reference machine has two cores). */
const COPIERS = Number(process.env.BENCH_SEED_CONNECTIONS ?? 2);
/** Small tenants filled per copy statement. */
const SMALL_BATCH = 10;
/** Each big-tenant copy round is this much older than the one before. */
const ROUND_SHIFT_MINUTES = 41;

const roleUser = (role: string) => DEMO_USERS.find((user) => user.role === role) as (typeof DEMO_USERS)[number];

const CASE_COLUMNS = [
  'internal_ref',
  'status',
  'priority',
  'summary',
  'description',
  'resident_name',
  'resident_email',
  'resident_phone',
  'resident_address',
  'resident_postcode',
  'source_channel',
  'archived',
  'highlighted_for_public',
  'public_summary',
  'public_themes',
  'tags',
  'version',
];
const TIME_COLUMNS = ['due_at', 'first_response_at', 'resolved_at', 'closed_at', 'created_at', 'updated_at'];

/** Copy round `$2` of the template: every time `$3` older, references `$2` blocks further on. */
const COPY_BIG_ROUND = `
  INSERT INTO cases (tenant_id, reference, ${CASE_COLUMNS.join(', ')}, ward_id, category_id, assignee_id, ${TIME_COLUMNS.join(', ')})
  SELECT $1, regexp_replace(t.reference, '[0-9]+$', '') || lpad(sequence::text, greatest(4, length(sequence::text)), '0'),
         ${CASE_COLUMNS.map((c) => `t.${c}`).join(', ')}, t.ward_id, t.category_id, t.assignee_id,
         ${TIME_COLUMNS.map((c) => `t.${c} - $3::interval`).join(', ')}
  FROM bench_template t
  JOIN bench_template_counters counter ON counter.year = substring(t.reference from '([0-9]{4})-[0-9]+$')::int
  CROSS JOIN LATERAL (SELECT substring(t.reference from '[0-9]+$')::int + $2 * counter.last_value AS sequence) AS next`;

/** The small template's cases into each tenant of `$1`, with that tenant's own wards, categories and staff. */
const COPY_SMALL = `
  INSERT INTO cases (tenant_id, reference, ${CASE_COLUMNS.join(', ')}, ward_id, category_id, assignee_id, ${TIME_COLUMNS.join(', ')})
  SELECT target.id, t.reference, ${CASE_COLUMNS.map((c) => `t.${c}`).join(', ')}, tw.id, tc.id, tu.id,
         ${TIME_COLUMNS.map((c) => `t.${c}`).join(', ')}
  FROM unnest($1::uuid[]) AS target (id)
  CROSS JOIN bench_template t
  LEFT JOIN wards sw ON sw.id = t.ward_id
  LEFT JOIN wards tw ON tw.tenant_id = target.id AND tw.name = sw.name
  LEFT JOIN categories sc ON sc.id = t.category_id
  LEFT JOIN categories tc ON tc.tenant_id = target.id AND tc.slug = sc.slug
  LEFT JOIN users su ON su.id = t.assignee_id
  LEFT JOIN users tu ON tu.tenant_id = target.id AND lower(tu.email) = lower(su.email)`;

type Bar = SingleBar & { phase(name: string, total: number): void };

function progressBar(): Bar {
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: '{phase} [{bar}] {value}/{total} ({percentage}%) {duration_formatted}',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    Presets.shades_classic,
  );
  return Object.assign(bar, {
    phase(name: string, total: number) {
      bar.stop();
      bar.start(total, 0, { phase: name.padEnd(22) });
    },
  });
}

async function createTenant(operator: OperatorServices, index: number, cases: number): Promise<BenchTenant> {
  const slug = index === 0 ? 'bench-big' : `bench-${String(index).padStart(4, '0')}`;
  const view = await operator.tenants.create({ name: `Bench Council ${index}`, slug, plan: 'council' });
  await operator.demo.seed({ tenant: view.id });
  const tenant = await operator.tenants.require(view.id);
  const admin = await operator.apiKeys.create(tenant, {
    owner: roleUser('admin').email,
    name: 'bench admin',
    scopes: scopesOfPlan('council'),
  });
  const caseworker = await operator.apiKeys.create(tenant, {
    owner: roleUser('caseworker').email,
    name: 'bench caseworker',
    scopes: scopesOfPlan('council').filter((scope) => SCOPE_POLICY[scope].minRole === 'caseworker'),
  });
  return { id: view.id, slug, cases, adminKey: admin.key, caseworkerKey: caseworker.key };
}

/** Adds up to `total` demo cases 100 000 at a time (the generator's limit per run). */
async function demoCases(operator: OperatorServices, tenant: BenchTenant, total: number, bar: Bar) {
  for (let done = 0; done < total;) {
    const batch = Math.min(100_000, total - done);
    await operator.demo.seed({
      tenant: tenant.id,
      cases: batch,
      progress: { start: () => undefined, increment: (by = 1) => bar.increment(by), stop: () => undefined },
    });
    done += batch;
  }
}

async function snapshotTemplate(owner: Client, tenantId: string) {
  await owner.query('DROP TABLE IF EXISTS bench_template, bench_template_counters');
  await owner.query(`CREATE TEMP TABLE bench_template AS SELECT * FROM cases WHERE tenant_id = $1`, [tenantId]);
  await owner.query(
    `CREATE TEMP TABLE bench_template_counters AS SELECT year, last_value FROM case_reference_counters WHERE tenant_id = $1`,
    [tenantId],
  );
}

/**
 * Runs `work` on every item, one item per connection at a time (PostgreSQL computes each row's
 * search vector and that takes a core, so one connection per core); each connection first
 * snapshots the template tenant's cases into its own temporary table.
 */
async function copyInParallel<T>(
  copiers: Client[],
  templateId: string,
  items: readonly T[],
  work: (copier: Client, item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    copiers.map(async (copier) => {
      await snapshotTemplate(copier, templateId);
      while (next < items.length) {
        const item = items[next];
        next += 1;
        await work(copier, item);
      }
    }),
  );
}

async function fillBigTenant(copiers: Client[], tenant: BenchTenant, bar: Bar) {
  const rounds = Array.from({ length: Math.ceil(BIG_CASES / TEMPLATE_CASES) - 1 }, (_, index) => index + 1);
  await copyInParallel(copiers, tenant.id, rounds, async (copier, round) => {
    const limit = Math.min(TEMPLATE_CASES, BIG_CASES - TEMPLATE_CASES * round);
    await copier.query(`${COPY_BIG_ROUND} ORDER BY t.created_at LIMIT ${limit}`, [
      tenant.id,
      round,
      `${round * ROUND_SHIFT_MINUTES} minutes`,
    ]);
    bar.increment(limit);
  });
  await copiers[0].query(`UPDATE case_reference_counters SET last_value = last_value * $2 WHERE tenant_id = $1`, [
    tenant.id,
    rounds.length + 1,
  ]);
}

async function fillSmallTenants(copiers: Client[], template: BenchTenant, targets: BenchTenant[], bar: Bar) {
  const batches: string[][] = [];
  for (let start = 0; start < targets.length; start += SMALL_BATCH) {
    batches.push(targets.slice(start, start + SMALL_BATCH).map((tenant) => tenant.id));
  }
  await copyInParallel(copiers, template.id, batches, async (copier, ids) => {
    await copier.query(COPY_SMALL, [ids]);
    await copier.query(
      `INSERT INTO case_reference_counters (tenant_id, year, last_value)
       SELECT target.id, counter.year, counter.last_value
       FROM unnest($1::uuid[]) AS target (id) CROSS JOIN bench_template_counters counter`,
      [ids],
    );
    bar.increment(ids.length * SMALL_CASES);
  });
}

/** The secondary indexes of `cases` (constraints stay): dropped for the load, rebuilt after. */
async function dropCaseIndexes(owner: Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await owner.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = 'public' AND tablename = 'cases'
       AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'cases'::regclass)`,
  );
  for (const { name } of rows) await owner.query(`DROP INDEX "${name}"`);
  return rows;
}

export async function seedBench(endpoint: DatabaseEndpoint): Promise<BenchState> {
  const started = performance.now();
  const config = new AppConfig({ DATABASE_URL: endpoint.ownerUrl, LOG_LEVEL: 'warn' });
  const operator = await openOperator(config, endpoint);
  const copiers = await Promise.all(
    Array.from({ length: COPIERS }, async () => {
      const client = new Client({ connectionString: endpoint.ownerUrl });
      await client.connect();
      // Bench data: a crash loses the seed anyway; skip the wait for disk.
      await client.query(`SET synchronous_commit = off`);
      await client.query(`SET maintenance_work_mem = '256MB'`);
      return client;
    }),
  );
  const [owner] = copiers;
  const bar = progressBar();
  try {
    if (await operator.tenants.any()) {
      throw new Error('The bench database already has tenants: run `npm run bench:seed -- --reset` to start again');
    }
    bar.phase('tenants, users, keys', TENANTS);
    const tenants: BenchTenant[] = [];
    await operator.as(systemActor('bench seed'), async () => {
      for (let index = 0; index < TENANTS; index += 1) {
        tenants.push(await createTenant(operator, index, index === 0 ? BIG_CASES : SMALL_CASES));
        bar.increment();
      }
    });
    const [big, ...small] = tenants;
    const indexes = await dropCaseIndexes(owner);

    bar.phase('demo cases (generated)', TEMPLATE_CASES + (small.length > 0 ? SMALL_CASES : 0));
    await operator.as(systemActor('bench seed'), async () => {
      await demoCases(operator, big, TEMPLATE_CASES, bar);
      if (small.length > 0) await demoCases(operator, small[0], SMALL_CASES, bar);
    });
    bar.phase('big tenant (copies)', BIG_CASES - TEMPLATE_CASES);
    await fillBigTenant(copiers, big, bar);
    bar.phase('small tenants (copies)', (small.length - 1) * SMALL_CASES);
    if (small.length > 1) await fillSmallTenants(copiers, small[0], small.slice(1), bar);

    bar.phase('indexes of cases', indexes.length);
    for (const { definition } of indexes) {
      await owner.query(definition);
      bar.increment();
    }
    // As autovacuum leaves a table that has lived a while: statistics, and the visibility map
    // that lets counts and reports read the covering indexes alone (index-only scans).
    bar.phase('vacuum, analyze', 1);
    await owner.query('VACUUM (ANALYZE)');
    bar.increment();
    bar.stop();
    const state: BenchState = {
      seededAt: new Date().toISOString(),
      seedSeconds: Math.round((performance.now() - started) / 1000),
      big,
      small,
    };
    await writeBenchState(state);
    return state;
  } finally {
    bar.stop();
    await Promise.all(copiers.map((client) => client.end()));
    await operator.close();
  }
}

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  if (reset) await forgetBenchState();
  const endpoint = await openBenchDatabase(reset);
  try {
    const state = await seedBench(endpoint);
    process.stdout.write(
      `Seeded ${1 + state.small.length} tenants (${BIG_CASES} cases in ${state.big.slug}, ${SMALL_CASES} in each other) in ${state.seedSeconds} s\n`,
    );
  } finally {
    await endpoint.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `bench seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
