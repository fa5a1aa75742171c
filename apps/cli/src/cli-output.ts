export interface OutputOptions {
  json?: boolean;
}

/** `--json`: exactly one JSON object on stdout. Otherwise the human text. */
export function print(options: OutputOptions, value: object, human: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
}

/** Left-aligned columns, two spaces apart, for lists. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
