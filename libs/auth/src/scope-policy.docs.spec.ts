import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '@wardline/database';
import { SCOPE_POLICY, SCOPES } from './scope-policy';

const SCOPES_DOC = join(__dirname, '..', '..', '..', 'docs', 'scopes.md');

/** The rows of every markdown table in `markdown` whose first cell is a `code` span, as cell lists. */
function codeRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replaceAll('`', '')),
    );
}

describe('docs/scopes.md', () => {
  const rows = codeRows(readFileSync(SCOPES_DOC, 'utf8'));

  it('lists every scope once, in the policy order, with its plans and minimum role', () => {
    const documented = rows
      .filter(([first]) => first.includes(':'))
      .map(([scope, plans, minRole]) => ({ scope, plans: plans.split(/,\s*/), minRole }));
    const policy = SCOPES.map((scope) => ({
      scope,
      plans: [...SCOPE_POLICY[scope].plans],
      minRole: SCOPE_POLICY[scope].minRole,
    }));
    expect(documented).toEqual(policy);
  });

  it('lists the roles from lowest to highest', () => {
    const documented = rows.filter(([first]) => !first.includes(':')).map(([role]) => role);
    expect(documented).toEqual([...ROLES]);
  });
});
