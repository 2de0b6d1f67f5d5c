/**
 * `strategy.matrix` expanded as GitHub does: the cross product of the keys' values, legs matching an `exclude`
 * entry removed, then each `include` entry added to every leg whose original values it does not overwrite, or as a
 * leg of its own when it fits none (FACTS-WORKFLOWS.md section 4, SYN `r/jobs/matrix-*.md`). A matrix that comes
 * from an expression (`${{ fromJSON(...) }}`) is not static: its legs are unknown.
 */
import { MatrixSpec } from './model';
import { field, nodeText, TreeNode } from './yaml-tree';

/** GitHub's limit on the jobs of one matrix. */
const MAX_LEGS = 256;

type Leg = { [key: string]: string };

/** Expands a matrix node. */
export function expandMatrix(node: TreeNode): MatrixSpec {
  if (node.kind !== 'map') {
    return { line: node.line, unknown: `the matrix is ${nodeText(node)}, not a static mapping` };
  }
  const base: Array<[string, string[]]> = [];
  for (const entry of node.entries) {
    if (entry.key === 'include' || entry.key === 'exclude') continue;
    if (entry.value.kind !== 'seq') {
      return { line: node.line, unknown: `matrix.${entry.key} is ${nodeText(entry.value)}, not a static list` };
    }
    base.push([entry.key, entry.value.items.map(nodeText)]);
  }
  const include = entriesOf(field(node, 'include'));
  const exclude = entriesOf(field(node, 'exclude'));
  if (include === undefined || exclude === undefined) {
    return { line: node.line, unknown: 'matrix include or exclude is not a static list of mappings' };
  }
  let legs: Leg[] = base.length === 0 ? [] : [{}];
  for (const [key, values] of base) {
    legs = legs.flatMap((leg) => values.map((value) => ({ ...leg, [key]: value })));
    if (legs.length > MAX_LEGS * 16) return { line: node.line, unknown: `the matrix has more than ${MAX_LEGS} legs` };
  }
  legs = legs.filter((leg) => !exclude.some((ex) => Object.entries(ex).every(([k, v]) => leg[k] === v)));
  // An include entry extends only the combinations of the cross product (not legs earlier entries added), when it
  // overwrites none of their original values; otherwise it is a leg of its own (the docs' fruit/animal example).
  const original = new Set(base.map(([key]) => key));
  const added: Leg[] = [];
  for (const extra of include) {
    let fitted = false;
    legs = legs.map((leg) => {
      const fits = Object.entries(extra).every(([k, v]) => !original.has(k) || leg[k] === v);
      if (!fits) return leg;
      fitted = true;
      return { ...leg, ...extra };
    });
    if (!fitted) added.push({ ...extra });
  }
  legs = [...legs, ...added];
  if (legs.length > MAX_LEGS) return { line: node.line, unknown: `the matrix has ${legs.length} legs, more than GitHub's ${MAX_LEGS}` };
  return { line: node.line, legs };
}

function entriesOf(node: TreeNode | undefined): Leg[] | undefined {
  if (node === undefined) return [];
  if (node.kind !== 'seq') return undefined;
  const out: Leg[] = [];
  for (const item of node.items) {
    if (item.kind !== 'map') return undefined;
    const leg: Leg = {};
    for (const entry of item.entries) leg[entry.key] = nodeText(entry.value);
    out.push(leg);
  }
  return out;
}
