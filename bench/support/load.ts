import type autocannon from 'autocannon';

export interface MixedWorkload {
  /** One entry per tenant: its admin's key and a caseworker's. */
  tenants: { adminKey: string; caseworkerKey: string }[];
}

/** One autocannon run: one URL, or the mixed workload's random requests. */
export interface Load {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  mixed?: MixedWorkload;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Answers with a 2xx status per second: what the throughput ratios compare. */
  okPerSecond: number;
  /** Latencies in ms. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/** What a council's staff do, weighted: mostly reading lists, some searching, some new cases. */
const MIX: readonly (readonly [number, (caseworker: boolean) => Partial<autocannon.Request>])[] = [
  [40, () => ({ method: 'GET', path: '/api/cases?pageSize=20' })],
  [10, () => ({ method: 'GET', path: '/api/cases?status=open&pageSize=20' })],
  [10, () => ({ method: 'GET', path: '/api/cases?sort=-updatedAt&pageSize=50' })],
  [10, () => ({ method: 'GET', path: '/api/wards' })],
  [10, () => ({ method: 'GET', path: '/api/me' })],
  [5, () => ({ method: 'GET', path: '/api/cases?search=pothole' })],
  [
    15,
    (caseworker) => ({
      method: 'POST',
      path: '/api/cases',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        summary: caseworker ? 'Streetlight out on the corner' : 'Pothole reported outside the school',
        description: 'Reported during the bench: a resident called about it this morning.',
        priority: 'normal',
        sourceChannel: 'phone',
      }),
    }),
  ],
];
const MIX_TOTAL = MIX.reduce((sum, [weight]) => sum + weight, 0);

/** A random request of the mix, as a random tenant's admin or caseworker. */
export function mixedRequest(
  request: autocannon.Request,
  workload: MixedWorkload,
  random: () => number,
): autocannon.Request {
  const tenant = workload.tenants[Math.floor(random() * workload.tenants.length)];
  let roll = random() * MIX_TOTAL;
  const [, make] = MIX.find(([weight]) => (roll -= weight) < 0) ?? MIX[0];
  const caseworker = random() < 0.5;
  const made = make(caseworker);
  return {
    ...request,
    ...made,
    headers: { ...made.headers, 'x-api-key': caseworker ? tenant.caseworkerKey : tenant.adminKey },
  };
}
