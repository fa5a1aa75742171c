import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs owner DDL that rewrites catalog rows the API's start-up also writes (grants, triggers)
 * in one transaction under prepareDatabase's advisory lock, so a CLI or server starting
 * meanwhile never fails with "tuple concurrently updated".
 */
export function underPrepareLock<T>(owner: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return owner.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['wardline.prepare']);
    return work(manager);
  });
}
