import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_NODE_FLAGS } from '../../apps/api/src/bootstrap/node-flags';
import { API_MAIN, ensureApiBuilt, startBuiltApi, stopProcess } from '../cli/cli-harness';

jest.setTimeout(120_000);

const onLinux = process.platform === 'linux' ? describe : describe.skip;

/** The command line the process with `pid` runs now. */
const commandLineOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

onLinux('the API process runs with its heap settings', () => {
  let dataDir: string;
  let api: ChildProcess | undefined;

  beforeAll(() => ensureApiBuilt(), 300_000);

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wardline-node-flags-'));
  });

  afterEach(async () => {
    await stopProcess(api);
    api = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('started as plain `node main.js` (as npm start, the image and the bench do), the same pid runs with every flag', async () => {
    api = await startBuiltApi(dataDir);
    const commandLine = commandLineOf(api.pid as number);
    for (const [name, value] of Object.entries(API_NODE_FLAGS)) expect(commandLine).toContain(`${name}=${value}`);
    expect(commandLine.at(-1)).toBe(API_MAIN);
  });

  it('keeps a setting the operator gave in NODE_OPTIONS', async () => {
    api = await startBuiltApi(dataDir, { NODE_OPTIONS: '--max-semi-space-size=16' });
    const commandLine = commandLineOf(api.pid as number);
    expect(commandLine.some((arg) => arg.startsWith('--max-semi-space-size'))).toBe(false);
    expect(commandLine).toContain(`--heap-growing-percent=${API_NODE_FLAGS['--heap-growing-percent']}`);
  });
});
