import type { DataSource } from 'typeorm';

/** A seeded demo tenant's admin, and a caseworker that has cases assigned: who the benches call as. */
export async function benchPrincipals(
  owner: DataSource,
  tenantId: string,
): Promise<{ admin: string; caseworker: string }> {
  const [admin] = (await owner.query(`SELECT id FROM users WHERE tenant_id = $1 AND role = 'admin' LIMIT 1`, [
    tenantId,
  ])) as { id: string }[];
  const [caseworker] = (await owner.query(
    `SELECT assignee_id AS id FROM cases WHERE tenant_id = $1 AND assignee_id IN
       (SELECT id FROM users WHERE tenant_id = $1 AND role = 'caseworker') LIMIT 1`,
    [tenantId],
  )) as { id: string }[];
  return { admin: admin.id, caseworker: caseworker.id };
}
