/**
 * The load generator, run as its own process so it does not share an event loop with what it
 * measures: `node dist/bench/drive.js '<json Load>'` prints one JSON `LoadResult` line.
 */
import autocannon from 'autocannon';
import { type Load, type LoadResult, mixedRequest } from './support/load';

async function main(): Promise<void> {
  const load = JSON.parse(process.argv[2]) as Load;
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.seconds,
    headers: load.headers,
    method: load.method ?? 'GET',
    body: load.body,
    timeout: 30,
    ...(load.mixed
      ? {
          requests: [
            { setupRequest: (request: autocannon.Request) => mixedRequest(request, load.mixed!, Math.random) },
          ],
        }
      : {}),
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count ?? 0;
  const summary: LoadResult = {
    requestsPerSecond: result.requests.average,
    okPerSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    total: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

void main();
