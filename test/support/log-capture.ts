import { appendToRunLog } from './run-log';

/** A log destination that keeps every line, so a test can read what the server logged (and the leak scan too). */
export class LogCapture {
  readonly lines: string[] = [];

  write(line: string): void {
    this.lines.push(line);
    appendToRunLog(line);
  }

  get text(): string {
    return this.lines.join('');
  }

  entries(): Record<string, any>[] {
    return this.lines.flatMap((line) => line.split('\n').filter(Boolean)).map((line) => JSON.parse(line));
  }
}
