import type { Metrics } from '@wardline/common';
import type { DataSource } from 'typeorm';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Connection pool usage of the API's database connection, read at scrape time. */
export function countPoolUsage(metrics: Metrics, dataSource: DataSource): void {
  metrics.gauge('wardline_db_pool_connections', 'Database pool connections by state', ['state'], (gauge) => {
    const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
    if (!pool) return;
    gauge.set({ state: 'total' }, pool.totalCount);
    gauge.set({ state: 'idle' }, pool.idleCount);
    gauge.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    gauge.set({ state: 'waiting' }, pool.waitingCount);
  });
}
