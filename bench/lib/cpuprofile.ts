/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof` or the inspector) into the tables the report shows: functions by
 * self time, the library's own functions by inclusive time, and time by area (our src/, aws-cdk-lib, GC, ...).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILD_DIR } from './build';
import { REPO_DIR } from './config';

/** The area of the library's own code: src/, its transpile in bench/out/build, or the compiled lib/. */
const OURS = 'this library (src/, lib/)';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: number[];
}

interface CpuProfile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

export interface FunctionTime {
  /** `name (file:line)`, the file relative to the repository. */
  readonly function: string;
  readonly area: string;
  readonly ms: number;
  /** Share of all sampled time, 0..1. */
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly topSelf: FunctionTime[];
  /** The library's functions by inclusive time (their own time plus everything they call). */
  readonly oursInclusive: FunctionTime[];
  readonly areas: { area: string; ms: number; share: number }[];
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // timeDeltas[i] is the time between sample i-1 and sample i: sample i lasted until sample i+1.
  const durations = profile.samples.map((_, i) => profile.timeDeltas[i + 1] ?? 0);
  const totalUs = durations.reduce((sum, d) => sum + d, 0);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  const keyOf = new Map<number, { key: string; area: string }>();
  const areaByKey = new Map<string, string>();
  const describe = (id: number) => {
    let described = keyOf.get(id);
    if (!described) {
      const frame = byId.get(id)!.callFrame;
      const { source, transpiled } = relative(frame.url);
      const name = frame.functionName || '(anonymous)';
      // Lines of transpiled code are not the source's lines: name the file only.
      const where = !source ? '' : transpiled ? ` (${source})` : ` (${source}:${frame.lineNumber + 1})`;
      described = { key: `${name}${where}`, area: areaOf(name, source) };
      keyOf.set(id, described);
      areaByKey.set(described.key, described.area);
    }
    return described;
  };

  profile.samples.forEach((id, i) => {
    const duration = durations[i];
    const { key, area } = describe(id);
    self.set(key, (self.get(key) ?? 0) + duration);
    areas.set(area, (areas.get(area) ?? 0) + duration);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const described = describe(node);
      if (described.area === OURS && !seen.has(described.key)) {
        seen.add(described.key);
        inclusive.set(described.key, (inclusive.get(described.key) ?? 0) + duration);
      }
    }
  });

  const toRows = (table: Map<string, number>, count: number) => [...table.entries()]
    .sort((a, b) => b[1] - a[1]).slice(0, count)
    .map(([key, us]) => ({ function: key, area: areaByKey.get(key)!, ms: us / 1000, share: us / totalUs }));
  return {
    totalMs: totalUs / 1000,
    topSelf: toRows(self, top),
    oursInclusive: toRows(inclusive, 10),
    areas: [...areas.entries()].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, ms: us / 1000, share: us / totalUs })),
  };
}

/** The file relative to the repository; for the benchmark's transpiled build, the .ts source it came from. */
function relative(url: string): { source: string; transpiled: boolean } {
  if (!url) return { source: '', transpiled: false };
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  if (file.startsWith(BUILD_DIR + path.sep)) {
    return { source: path.relative(BUILD_DIR, file).replace(/\.js$/, '.ts'), transpiled: true };
  }
  const source = file.startsWith(REPO_DIR) ? path.relative(REPO_DIR, file) : file;
  // tsx transpiles on the fly too.
  return { source, transpiled: source.endsWith('.ts') };
}

function areaOf(name: string, file: string): string {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(program)' || name === '(idle)' || name === '(root)') return 'V8 / native (program)';
  // V8 names compiled regular expressions by their source; the caller is their parent frame.
  if (name.startsWith('RegExp: ')) return 'regular expressions';
  if (file.startsWith('src/') || file.startsWith('lib/')) return OURS;
  if (file.startsWith('bench/')) return 'bench harness';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:lib\/)?([^/]+)?/.exec(file);
  if (pkg) return pkg[1] === 'aws-cdk-lib' && pkg[2] ? `aws-cdk-lib/${pkg[2].replace(/\.js$/, '')}` : pkg[1];
  if (file.startsWith('node:') || !file.includes('/')) return 'node built-ins';
  return 'other';
}
