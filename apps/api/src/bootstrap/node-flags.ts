/**
 * The V8 heap settings of the API process, in one place for every way it starts (`npm start`,
 * the image, deploy/, the bench: all run `dist/apps/api/src/main.js`). Measured in
 * bench/notes/memory.md: with V8's defaults the API held ~505 MiB after the bench's export and
 * mixed load, with these ~240–255 MiB; `/api/me` costs the same CPU, the export ~25 % and the
 * mixed load ~12–19 % more (GC).
 */
export const API_NODE_FLAGS: Readonly<Record<string, string>> = {
  // The young generation. Node 24 on 64-bit grows each of its two halves to 64 MiB under load and
  // keeps them; objects that live past a request's end die in the old generation either way.
  '--max-semi-space-size': '8',
  // Start the next full collection when the old generation reaches 1.5× what survived the last
  // one. V8 otherwise lets it grow to 4× when collections look cheap (~55 MiB live, ~220 MiB
  // before the next collection under load), and the process keeps those pages.
  '--heap-growing-percent': '50',
};

/** Set in the environment of a process that already runs with the flags. */
export const NODE_FLAGS_APPLIED = 'WARDLINE_NODE_FLAGS_APPLIED';

const flagName = (arg: string) => arg.split('=')[0].replaceAll('_', '-');

/**
 * The flags this process still lacks: none an operator set (on the command line or in
 * `NODE_OPTIONS`) is overridden.
 */
export function missingNodeFlags(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].filter(Boolean).map(flagName));
  return Object.entries(API_NODE_FLAGS)
    .filter(([name]) => !given.has(name))
    .map(([name, value]) => `${name}=${value}`);
}

/**
 * Runs this same command again with `API_NODE_FLAGS`, in place of this process (execve: the same
 * pid, the same stdio, no second process), when it was started without them. Called before
 * anything else in main.ts has run; where `execve` is missing (Windows) the API runs with V8's
 * defaults.
 */
export function applyNodeFlags(): void {
  if (process.env[NODE_FLAGS_APPLIED] || typeof process.execve !== 'function') return;
  const missing = missingNodeFlags(process.execArgv, process.env.NODE_OPTIONS);
  if (missing.length === 0) return;
  process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)], {
    ...process.env,
    [NODE_FLAGS_APPLIED]: '1',
  });
}
