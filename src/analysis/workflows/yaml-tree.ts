/**
 * The YAML of a workflow file as a small tree of mappings, sequences and text scalars, each with its line: the
 * only view of YAML the workflow reader needs. Parsed by the `yaml` package as YAML 1.2 (so `on` stays a key, as
 * GitHub reads it); aliases are resolved, as github.com does since August 2025 (FACTS-WORKFLOWS.md section 7).
 */
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { WorkflowProblem } from './model';

/** A YAML node with its 1-based line. */
export type TreeNode = TreeMap | TreeSeq | TreeScalar;

/** A mapping; keys as text, in the order written. */
export interface TreeMap {
  readonly kind: 'map';
  readonly line: number;
  readonly entries: ReadonlyArray<{ readonly key: string; readonly keyLine: number; readonly value: TreeNode }>;
}

/** A sequence. */
export interface TreeSeq {
  readonly kind: 'seq';
  readonly line: number;
  readonly items: readonly TreeNode[];
}

/** A scalar as text (`null` for an empty value). */
export interface TreeScalar {
  readonly kind: 'scalar';
  readonly line: number;
  readonly text: string | null;
}

/** The parsed root of a file, or the problems that kept it from being read. */
export interface ParsedYaml {
  readonly root?: TreeNode;
  readonly problems: WorkflowProblem[];
}

// Deeper nesting than any workflow needs: a guard against alias bombs and hostile input, not a GitHub limit.
const MAX_DEPTH = 64;
const MAX_NODES = 200_000;

/** Parses YAML text into a tree; never throws. */
export function parseYamlTree(source: string): ParsedYaml {
  // Loaded here, not at the top: only the code paths that read workflows pay for the YAML parser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as typeof import('yaml');
  const lineCounter = new yaml.LineCounter();
  let document: Document.Parsed;
  try {
    // One document, as GitHub's parser reads a workflow (parseDocument: half the time of parseAllDocuments).
    document = yaml.parseDocument(source, { lineCounter, version: '1.2', uniqueKeys: true });
  } catch (err) {
    return { problems: [{ id: 'WorkflowYamlInvalid', severity: 'error', message: `not YAML: ${(err as Error).message}`, line: 1 }] };
  }
  const problems: WorkflowProblem[] = [];
  for (const error of document.errors) {
    const pos = error.linePos?.[0];
    const multiple = error.code === 'MULTIPLE_DOCS';
    problems.push({
      id: multiple ? 'WorkflowMultipleDocuments' : 'WorkflowYamlInvalid',
      severity: 'error',
      message: multiple ? 'the file holds more than one YAML document: a workflow is one document'
        : `invalid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      line: pos?.line ?? 1,
      ...(pos?.col !== undefined ? { column: pos.col } : {}),
    });
  }
  if (document.contents === null && problems.length === 0) {
    return { problems: [{ id: 'WorkflowNotMapping', severity: 'error', message: 'the file is empty: a workflow is a mapping with `on` and `jobs`', line: 1 }] };
  }
  if (problems.some((p) => p.severity === 'error' && p.id === 'WorkflowYamlInvalid')) return { problems };
  const budget = { nodes: 0 };
  const root = convert(document.contents as YamlNode | null, document, lineCounter, yaml, 0, budget, problems);
  return { root, problems };
}

function convert(node: YamlNode | null, doc: Document.Parsed, lines: LineCounter, yaml: typeof import('yaml'),
  depth: number, budget: { nodes: number }, problems: WorkflowProblem[]): TreeNode {
  const line = node?.range ? lines.linePos(node.range[0]).line : 1;
  if (++budget.nodes > MAX_NODES || depth > MAX_DEPTH) {
    if (budget.nodes === MAX_NODES + 1 || depth === MAX_DEPTH + 1) {
      problems.push({ id: 'WorkflowTooLarge', severity: 'error', message: `the YAML nests deeper than ${MAX_DEPTH} levels or holds more than ${MAX_NODES} nodes (aliases expanded): not read further`, line });
    }
    return { kind: 'scalar', line, text: null };
  }
  if (node === null || node === undefined) return { kind: 'scalar', line, text: null };
  if (yaml.isAlias(node)) {
    const target = node.resolve(doc);
    return convert((target ?? null) as YamlNode | null, doc, lines, yaml, depth + 1, budget, problems);
  }
  if (yaml.isMap(node)) {
    const entries: Array<{ key: string; keyLine: number; value: TreeNode }> = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const key = yaml.isScalar(keyNode) ? scalarText(keyNode.value) : null;
      const atLine = keyNode?.range ? lines.linePos(keyNode.range[0]).line : line;
      if (key === null) {
        problems.push({ id: 'WorkflowYamlInvalid', severity: 'warning', message: 'a mapping key that is not text: ignored', line: atLine });
        continue;
      }
      entries.push({ key, keyLine: atLine, value: convert(pair.value as YamlNode | null, doc, lines, yaml, depth + 1, budget, problems) });
    }
    return { kind: 'map', line, entries };
  }
  if (yaml.isSeq(node)) {
    return { kind: 'seq', line, items: node.items.map((item) => convert(item as YamlNode | null, doc, lines, yaml, depth + 1, budget, problems)) };
  }
  if (yaml.isScalar(node)) return { kind: 'scalar', line, text: scalarText(node.value) };
  return { kind: 'scalar', line, text: null };
}

function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

/** The value of a mapping's key, if the node is a mapping that has it. */
export function field(node: TreeNode | undefined, key: string): TreeNode | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.entries.find((entry) => entry.key === key)?.value;
}

/** The line of a mapping's key, if the node is a mapping that has it. */
export function keyLine(node: TreeNode | undefined, key: string): number | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.entries.find((entry) => entry.key === key)?.keyLine;
}

/** A scalar's text, if the node is a non-empty scalar. */
export function text(node: TreeNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.text !== null ? node.text : undefined;
}

/** The texts of a scalar or of a sequence of scalars (how filters such as `branches` may be written). */
export function texts(node: TreeNode | undefined): string[] | undefined {
  if (node === undefined) return undefined;
  if (node.kind === 'scalar') return node.text === null ? [] : [node.text];
  if (node.kind === 'seq') return node.items.map(text).filter((t): t is string => t !== undefined);
  return undefined;
}

/** A node written back as compact text (for a matrix value that is a mapping, or a message). */
export function nodeText(node: TreeNode): string {
  if (node.kind === 'scalar') return node.text ?? '';
  if (node.kind === 'seq') return `[${node.items.map(nodeText).join(', ')}]`;
  return `{${node.entries.map((e) => `${e.key}: ${nodeText(e.value)}`).join(', ')}}`;
}
