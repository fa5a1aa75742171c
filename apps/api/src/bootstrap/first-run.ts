import { scopesOfPlan } from '@wardline/auth';
import { type DatabaseEndpoint, openDataSource, Tenant } from '@wardline/database';
import { DEMO_TENANT, DEMO_USERS, Operator } from '@wardline/operations';

/** Enough demo cases to browse, filter and report on without waiting at the first start. */
const FIRST_RUN_CASES = 60;

const demoAdmin = () => DEMO_USERS.find((user) => user.role === 'admin') as (typeof DEMO_USERS)[number];

/**
 * On an empty database, seeds the demo council with some cases and makes one API key, shown
 * once. Later starts keep the data and say how to make a key with the CLI. Returns what to print.
 */
export async function firstRun(endpoint: DatabaseEndpoint, baseUrl: string): Promise<string> {
  const owner = await openDataSource(endpoint.ownerUrl, 2);
  try {
    const operator = new Operator(owner);
    const admin = demoAdmin();
    const scopes = scopesOfPlan(DEMO_TENANT.plan);
    if ((await owner.getRepository(Tenant).count()) > 0) {
      return [
        '  Existing data kept. To make an API key:',
        `    npm run -s cli -- apikey create --tenant ${DEMO_TENANT.slug} --owner ${admin.email} \\`,
        `      --name "my integration" --scopes ${scopes.join(',')}`,
      ].join('\n');
    }
    const seeded = await operator.seedDemo({ cases: FIRST_RUN_CASES });
    const created = await operator.createApiKey({
      tenant: seeded.tenant.id,
      owner: admin.email,
      name: 'Demo key (first run)',
      scopes,
    });
    return [
      `  Seeded the demo tenant "${seeded.tenant.name}" (${seeded.tenant.slug}, council plan) with ${seeded.cases.created} demo cases.`,
      `  Demo API key for ${admin.name} (admin), shown once — store it now:`,
      '',
      `    ${created.key}`,
      '',
      `  Try: curl -H "Authorization: Bearer ${created.key}" ${baseUrl}/api/me`,
    ].join('\n');
  } finally {
    await owner.destroy();
  }
}
