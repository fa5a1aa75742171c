/** A node of `EXPLAIN (FORMAT JSON)`. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** How each scan reaches `table`: e.g. `Index Scan (cases_tenant_created_idx)`. */
export function scansOf(plan: PlanNode, table: string): string[] {
  const own =
    plan['Relation Name'] === table ||
    (plan['Node Type'] === 'Bitmap Index Scan' && plan['Index Name']?.startsWith(table))
      ? [`${plan['Node Type']}${plan['Index Name'] ? ` (${plan['Index Name']})` : ''}`]
      : [];
  return [...own, ...(plan.Plans ?? []).flatMap((child) => scansOf(child, table))];
}

export const median = (values: number[]): number => {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export const percentile = (values: number[], p: number): number => {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
