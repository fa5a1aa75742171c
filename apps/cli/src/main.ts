import 'reflect-metadata';
import { format } from 'node:util';
import { CommanderError } from 'commander';
import { createProgram } from './cli-program';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from './cli-error';
import { failureMessage } from './failure-message';

const toStderr = (...args: unknown[]): void => void process.stderr.write(`${format(...args)}\n`);

/** Stdout carries only the command's result; stray library logging goes to stderr. */
function keepStdoutForResults(): void {
  Object.assign(console, { log: toStderr, info: toStderr, debug: toStderr, warn: toStderr });
}

async function exitWhenFlushed(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

async function main(argv: string[]): Promise<number> {
  keepStdoutForResults();
  process.stdout.on('error', () => undefined); // e.g. `| head` closing the pipe early
  try {
    await createProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    // Commander has already printed its own one-line message (or the help).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    process.stderr.write(`${failureMessage(error)}\n`);
    return error instanceof CliError ? error.exitCode : EXIT_FAILURE;
  }
}

void main(process.argv).then(exitWhenFlushed);
