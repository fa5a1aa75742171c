import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream } from 'pino';
import { RUN_DIR_VARIABLE } from './leak-registry';

/**
 * During `npm test` every test server, worker and operator context logs everything (trace) to
 * one file per test process in the run's directory, so the leak scan reads every line they
 * would write in production. Outside a run (no run directory) they stay silent.
 */
export const LOG_FILE_PREFIX = 'log-';
export const TEST_LOG_LEVEL = 'trace';

const logFile = (): string | undefined => {
  const dir = process.env[RUN_DIR_VARIABLE];
  return dir ? join(dir, `${LOG_FILE_PREFIX}${process.pid}.jsonl`) : undefined;
};

let destination: DestinationStream | undefined;

/** The pino destination of this process's run log (shared by every app it starts), if in a run. */
export function runLogDestination(): DestinationStream | undefined {
  const file = logFile();
  if (!file) return undefined;
  // Synchronous: a line is on disk when the call returns, whenever the process ends.
  destination ??= pino.destination({ dest: file, append: true, sync: true });
  return destination;
}

/** Appends raw lines (another process's stderr, a captured log) to the run log. */
export function appendToRunLog(text: string): void {
  const file = logFile();
  if (file && text) appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

const LEVELS = ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] as const;

/** A Nest logger for application contexts without pino (worker, operator): every level, to the run log. */
export function runLogger(context: string): LoggerService | undefined {
  if (!logFile()) return undefined;
  const write =
    (level: string) =>
    (message: unknown, ...params: unknown[]) =>
      appendToRunLog(JSON.stringify({ time: Date.now(), level, context, msg: format(message, ...params) }));
  return Object.fromEntries(LEVELS.map((level) => [level, write(level)])) as unknown as LoggerService;
}
