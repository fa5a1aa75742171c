/** `a, b,\n c` → `['a', 'b', 'c']`: long word lists written as text stay readable. */
export const list = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
