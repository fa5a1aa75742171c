import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineConditions {
  cpus: string;
  memoryGiB: number;
  loadAverage: string;
  node: string;
}

/** What the numbers were measured on, and how busy it was. */
export function machineConditions(): MachineConditions {
  const cores = cpus();
  return {
    cpus: `${cores.length} × ${cores[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    loadAverage: loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
    node: process.version,
  };
}
