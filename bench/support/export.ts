import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { rssSampler, type Started } from './processes';

/** The most memory a process has held since it started (`VmHWM`, Linux), in MiB. */
export function peakRssMiB(pid: number): number {
  const kib = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kib / 1024);
}

/**
 * Streams the whole CSV export, counting rows, while sampling the API's RSS. A stream the
 * server cuts off is a result too: the rows until then, and why it ended.
 */
export async function exportCsv(api: Started, key: string, path = '/api/cases/export?format=csv') {
  const sampler = rssSampler(api.child.pid as number);
  const started = performance.now();
  let newlines = 0;
  let inQuotes = false;
  let status = 0;
  let failure: string | undefined;
  try {
    const response = await fetch(`${api.url}${path}`, { headers: { 'x-api-key': key } });
    status = response.status;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      for (const byte of chunk) {
        if (byte === 0x22) inQuotes = !inQuotes;
        else if (byte === 0x0a && !inQuotes) newlines += 1;
      }
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  const seconds = (performance.now() - started) / 1000;
  return { status, rows: Math.max(0, newlines - 1), seconds, peakRssMiB: sampler.stop(), failure };
}

const cpuSecondsOf = (pid: number | string): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/** User + system CPU seconds a process has used (`/proc/<pid>/stat`, Linux). */
export const processCpuSeconds = (pid: number): number => cpuSecondsOf(pid);

/**
 * CPU seconds used so far by the PostgreSQL backends serving `pid`'s open connections (Linux):
 * its TCP sockets to port 5432, matched to the backends whose title names that client port.
 */
export function postgresCpuSecondsOf(pid: number): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const socket = /^socket:\[(\d+)\]$/.exec(safely(() => readlinkSync(`/proc/${pid}/fd/${fd}`)) ?? '');
    if (socket) inodes.add(socket[1]);
  }
  const ports = new Set<number>();
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || !inodes.has(fields[9]) || !fields[2].endsWith(':1538')) continue;
    ports.add(parseInt(fields[1].split(':')[1], 16));
  }
  let seconds = 0;
  for (const backend of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const title = safely(() => readFileSync(`/proc/${backend}/cmdline`, 'utf8')) ?? '';
    const port = /^postgres: .*\(\s*(\d+)\)/.exec(title)?.[1];
    if (port && ports.has(Number(port))) seconds += safely(() => cpuSecondsOf(backend)) ?? 0;
  }
  return seconds;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
