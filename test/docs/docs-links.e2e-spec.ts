import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const DOCUMENTS = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => join('docs', name))].filter((file) =>
  file.endsWith('.md'),
);

/** Markdown link targets (`[text](target)`), without a `#fragment`. */
const linkTargets = (markdown: string): string[] =>
  [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target.split('#')[0]).filter(Boolean);

describe('the product docs stay inside the repository', () => {
  it.each(DOCUMENTS)('%s links only to files a clone has', (file) => {
    const broken = linkTargets(readFileSync(join(ROOT, file), 'utf8')).filter((target) => {
      if (/^[a-z]+:/i.test(target) || target.startsWith('/')) return true;
      const path = resolve(dirname(join(ROOT, file)), target);
      return relative(ROOT, path).startsWith('..') || !existsSync(path);
    });
    expect(broken).toEqual([]);
  });

  it.each(DOCUMENTS)('%s names no path outside the repository', (file) => {
    expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/\.\.\/shared|\/work\//);
  });

  it('the README points integrators to docs/ and docs/ indexes every page', () => {
    expect(linkTargets(readFileSync(join(ROOT, 'README.md'), 'utf8'))).toContain('docs/README.md');
    const indexed = linkTargets(readFileSync(join(ROOT, 'docs', 'README.md'), 'utf8'));
    const pages = DOCUMENTS.filter((file) => file.startsWith('docs') && file !== join('docs', 'README.md'));
    expect(pages.map((page) => page.slice('docs/'.length)).toSorted()).toEqual(indexed.toSorted());
  });
});
