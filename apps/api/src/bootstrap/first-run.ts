import { randomBytes } from 'node:crypto';
import { scopesOfPlan } from '@wardline/auth';
import type { AppConfig } from '@wardline/common';
import type { DatabaseEndpoint } from '@wardline/database';
import { DEMO_TENANT, DEMO_USERS, openOperator } from '@wardline/operations';
import { systemActor } from '@wardline/tenancy';

/** Enough demo cases to browse, filter and report on without waiting at the first start. */
const FIRST_RUN_CASES = 60;

const demoAdmin = () => DEMO_USERS.find((user) => user.role === 'admin') as (typeof DEMO_USERS)[number];

/**
 * On an empty database, seeds the demo council with some cases and makes one API key, shown
 * once. Later starts keep the data and say how to make a key with the CLI. Returns what to print.
 */
export async function firstRun(config: AppConfig, endpoint: DatabaseEndpoint, baseUrl: string): Promise<string> {
  const operator = await openOperator(config, endpoint);
  try {
    const admin = demoAdmin();
    const scopes = scopesOfPlan(DEMO_TENANT.plan);
    if (await operator.tenants.any()) {
      return [
        '  Existing data kept. To make an API key:',
        `    npm run -s cli -- apikey create --tenant ${DEMO_TENANT.slug} --owner ${admin.email} \\`,
        `      --name "my integration" --scopes ${scopes.join(',')}`,
      ].join('\n');
    }
    const password = randomBytes(12).toString('base64url');
    const { seeded, created } = await operator.as(systemActor('first start'), async () => {
      const demo = await operator.demo.seed({ cases: FIRST_RUN_CASES, adminPassword: password });
      const key = await operator.apiKeys.create(await operator.tenants.require(demo.tenant.id), {
        owner: admin.email,
        name: 'Demo key (first run)',
        scopes,
      });
      return { seeded: demo, created: key };
    });
    return [
      `  Seeded the demo tenant "${seeded.tenant.name}" (${seeded.tenant.slug}, council plan) with ${seeded.cases.created} demo cases.`,
      `  Demo API key for ${admin.name} (admin), shown once — store it now:`,
      '',
      `    ${created.key}`,
      '',
      `  Try: curl -H "Authorization: Bearer ${created.key}" ${baseUrl}/api/me`,
      '',
      `  Admin dashboard: ${baseUrl}/admin — sign in as ${admin.email} with this password, shown once:`,
      '',
      `    ${password}`,
    ].join('\n');
  } finally {
    await operator.close();
  }
}
